package org.jpcscd.client;

import org.jpcscd.client.testing.DaemonUnderTest;
import org.jpcscd.client.testing.DebianPcscd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The client suite against pcsc-lite's own daemon (Debian's pcscd 1.9.9 with the vpcd reader). */
class PcscdClientIT extends ClientContract {
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
