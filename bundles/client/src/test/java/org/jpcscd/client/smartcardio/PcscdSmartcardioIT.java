package org.jpcscd.client.smartcardio;

import org.jpcscd.client.testing.DaemonUnderTest;
import org.jpcscd.client.testing.DebianPcscd;
import org.jpcscd.client.testing.RunningDaemon;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider against pcsc-lite's own daemon. */
class PcscdSmartcardioIT extends SmartcardioContract {
    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(DebianPcscd::start);

    @Override
    protected DaemonUnderTest daemon() {
        return DAEMON.get();
    }
}
