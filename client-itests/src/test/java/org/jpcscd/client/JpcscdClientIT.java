package org.jpcscd.client;

import org.jpcscd.client.itests.JpcscdDaemon;
import org.jpcscd.client.testing.DaemonUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The client suite that PcscdClientIT runs against pcsc-lite's pcscd, here against jpcscd. */
class JpcscdClientIT extends ClientContract {
    private static JpcscdDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = JpcscdDaemon.start();
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
