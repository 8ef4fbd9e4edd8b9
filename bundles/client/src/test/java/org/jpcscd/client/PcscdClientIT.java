package org.jpcscd.client;

import org.jpcscd.client.testing.DaemonUnderTest;
import org.jpcscd.client.testing.DebianPcscd;
import org.jpcscd.client.testing.RunningDaemon;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The client suite against pcsc-lite's own daemon (Debian's pcscd 1.9.9 with the vpcd reader). */
class PcscdClientIT extends ClientContract {
    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(DebianPcscd::start);

    @Override
    protected DaemonUnderTest daemon() {
        return DAEMON.get();
    }
}
