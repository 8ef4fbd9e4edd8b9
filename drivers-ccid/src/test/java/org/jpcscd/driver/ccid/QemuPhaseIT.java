package org.jpcscd.driver.ccid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CCID driver against a reader we did not write: QEMU's usb-ccid device in a guest booted under
 * software emulation, driven by {@code src/test/qemu/run-qemu-phase.sh} (which checks the reader's
 * name, the ATR, APDU round trips, card removal and insertion, a power-up without a card, and the
 * reader's removal inside the guest). Part of {@code mvn verify} so the README's test command is the
 * whole test run; it needs the Debian packages {@code .ci/run} installs (qemu-system-x86,
 * busybox-static, cpio, kmod).
 */
class QemuPhaseIT {
    private static final long DEADLINE_MINUTES = 12;

    @Test
    void theDriverServesQemusUsbCcidReaderInsideAGuest() throws IOException, InterruptedException {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path log = module.resolve("target/qemu-phase.log");
        ProcessBuilder pb = new ProcessBuilder("sh", module.resolve("src/test/qemu/run-qemu-phase.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        String m2 = System.getProperty("m2.repository");
        if (m2 != null) {
            pb.environment().put("M2_REPO", m2);
        }
        Process qemuPhase = pb.start();
        boolean ended = qemuPhase.waitFor(DEADLINE_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            qemuPhase.descendants().forEach(ProcessHandle::destroyForcibly);
            qemuPhase.destroyForcibly();
        }
        assertTrue(ended, "the QEMU phase did not end within " + DEADLINE_MINUTES + " minutes:\n" + tail(log));
        assertEquals(0, qemuPhase.exitValue(), "the QEMU phase failed:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
