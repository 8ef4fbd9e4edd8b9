package org.jpcscd.client.smartcardio;

import org.jpcscd.client.itests.JpcscdDaemon;
import org.jpcscd.client.testing.DaemonUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The provider suite against jpcscd — including the program written only against
 * javax.smartcardio, run with the JDK's own provider (libpcsclite) and with ours.
 */
class JpcscdSmartcardioIT extends SmartcardioContract {
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
