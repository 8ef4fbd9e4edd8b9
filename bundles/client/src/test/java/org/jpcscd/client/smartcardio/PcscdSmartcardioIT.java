package org.jpcscd.client.smartcardio;

import org.jpcscd.client.testing.DaemonUnderTest;
import org.jpcscd.client.testing.DebianPcscd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The provider against pcsc-lite's own daemon. */
class PcscdSmartcardioIT extends SmartcardioContract {
    private static DebianPcscd daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = DebianPcscd.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Override
    protected DaemonUnderTest daemon() {
        return daemon;
    }
}
