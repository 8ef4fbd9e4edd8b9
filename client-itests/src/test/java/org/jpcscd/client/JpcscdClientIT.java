package org.jpcscd.client;

import org.jpcscd.client.itests.JpcscdDaemon;
import org.jpcscd.client.testing.DaemonUnderTest;
import org.jpcscd.client.testing.RunningDaemon;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The client suite that PcscdClientIT runs against pcsc-lite's pcscd, here against jpcscd. */
class JpcscdClientIT extends ClientContract {
    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(JpcscdDaemon::start);

    @Override
    protected DaemonUnderTest daemon() {
        return DAEMON.get();
    }
}
