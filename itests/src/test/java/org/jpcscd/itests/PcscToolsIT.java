package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pcsc-tools' pcsc_scan and OpenSC's opensc-tool, unmodified, against the packaged daemon. */
class PcscToolsIT {
    static Daemon daemon;

    @BeforeAll
    static void start() throws IOException {
        daemon = Daemon.start("tools");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        daemon.close();
    }

    @Test
    void pcscScanListsTheReaderAndShowsTheAtr() throws InterruptedException {
        String readers = ClientProcess.run(daemon.clientEnvironment(), Duration.ofSeconds(20), "pcsc_scan", "-r");
        assertTrue(readers.contains("0: " + Daemon.READER), readers);
        try (ClientProcess scan = ClientProcess.start(daemon.clientEnvironment(), java.util.List.of("pcsc_scan", "-n"))) {
            scan.awaitLine("Reader 0: " + Daemon.READER, Duration.ofSeconds(20));
            scan.awaitLine("Card inserted", Duration.ofSeconds(20));
            scan.awaitLine("ATR: 3B FA 18 00 00 81 31 FE 45 4A 43 4F 50 33 31 56 32 33 32 98", Duration.ofSeconds(20));
        }
    }

    @Test
    void openscToolSeesTheReaderWithACardAndItsAtr() throws InterruptedException {
        String list = ClientProcess.run(daemon.clientEnvironment(), Duration.ofSeconds(20), "opensc-tool", "-l");
        assertTrue(list.lines().anyMatch(l -> l.contains("Yes") && l.contains(Daemon.READER)), list);
        String atr = ClientProcess.run(daemon.clientEnvironment(), Duration.ofSeconds(20), "opensc-tool", "-a");
        assertTrue(atr.contains("3b:fa:18:00:00:81:31:fe:45:4a:43:4f:50:33:31:56:32:33:32:98"), atr);
    }
}
