package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDK's javax.smartcardio, through Debian's libpcsclite, against the packaged daemon. */
class SmartcardioIT {
    static Daemon daemon;

    @BeforeAll
    static void start() throws IOException {
        daemon = Daemon.start("smartcardio");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        daemon.close();
    }

    @Test
    void listsTheSimulatedReaderSelectsTheDemoAppletAndGetsTheEcho() throws InterruptedException {
        String out = ClientProcess.run(daemon.clientEnvironment(), Duration.ofSeconds(60),
                ClientProcess.java(SmartcardioProbe.class).toArray(String[]::new));
        assertTrue(out.contains("terminal: " + Daemon.READER + " card true"), out);
        assertTrue(out.contains("atr: 3bfa1800008131fe454a434f5033315632333298 protocol T=1"), out);
        assertTrue(out.contains("select: 9000"), out);
        assertTrue(out.contains("echo: 01020304059000"), out);
        assertTrue(out.contains("done"), out);
    }
}
