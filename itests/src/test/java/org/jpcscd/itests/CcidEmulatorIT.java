package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The CCID driver inside the packaged daemon, against the CCID device emulator: the emulator bundle
 * dropped into deploy/ plugs a USB reader in when its configuration appears (as the usb bundle would
 * publish a real one), a libpcsclite client waiting in SCardGetStatusChange wakes up, and its APDU
 * travels socket → core → CCID driver → emulated reader (T=1 blocks) → simulated card and back.
 */
class CcidEmulatorIT {
    static final String READER = "Gemalto PC Twin Reader (EMU0001) 00 00";
    static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void emulatedReaderComesWorksAndGoesWhileAClientWaits() throws Exception {
        try (Daemon daemon = Daemon.start("ccid", "--features", "core,protocol,shell,virtual,ccid");
                ClientProcess watcher = ClientProcess.start(daemon.clientEnvironment(),
                        Pyscard.script("watch_events.py"))) {
            watcher.awaitLine("ready", DEADLINE);

            Path emulator = Path.of(System.getProperty("jpcscd.ccid.emulator"));
            Files.copy(emulator, daemon.home.resolve("deploy/jpcscd-ccid-emulator.jar"));
            configure(daemon, "card = true\n");
            watcher.awaitLine("event " + READER + " present", DEADLINE);

            // ECHO of 300 bytes as an extended APDU: chained T=1 blocks both ways at TPDU level.
            byte[] data = new byte[300];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 7 + 3);
            }
            String apdu = "00010000" + "00012C" + HexFormat.of().formatHex(data) + "0000";
            try (ClientProcess client = ClientProcess.start(daemon.clientEnvironment(),
                    Pyscard.script("transmit.py", READER, apdu))) {
                String line = client.awaitLine("response ", DEADLINE);
                assertEquals("response " + HexFormat.of().withUpperCase().formatHex(data) + "9000", line);
            }

            configure(daemon, "card = false\n");
            watcher.awaitLine("event " + READER + " empty", DEADLINE);

            Files.delete(daemon.home.resolve("etc/org.jpcscd.ccid.emulator.cfg"));
            String readers = watcher.awaitLine("readers " + Daemon.READER, DEADLINE);
            assertFalse(readers.contains("Gemalto"), "the unplugged reader is gone: " + readers);
        }
    }

    private static void configure(Daemon daemon, String cfg) throws Exception {
        Path temporary = daemon.home.resolve("org.jpcscd.ccid.emulator.cfg.new");
        Files.writeString(temporary, cfg);
        Files.move(temporary, daemon.home.resolve("etc/org.jpcscd.ccid.emulator.cfg"),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
