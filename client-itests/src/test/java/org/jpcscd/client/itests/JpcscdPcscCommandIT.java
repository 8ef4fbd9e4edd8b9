package org.jpcscd.client.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jpcscd.client.testing.Waits;
import org.junit.jupiter.api.Test;

/** bin/pcsc against jpcscd: scan sees removal and insertion, send echoes, and scan on a fresh machine starts the daemon. */
class JpcscdPcscCommandIT {
    /** A running bin/pcsc whose output lines are collected as they come. */
    private static final class Pcsc implements AutoCloseable {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Pcsc(Path socket, Path runtime, String... args) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of("sh", Distribution.bin("pcsc").toString(),
                    "--socket", socket.toString()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
            pb.environment().remove("JPCSCD_DAEMON");
            String daemon = Distribution.daemonCommand();
            if (daemon != null) {
                pb.environment().put("JPCSCD_DAEMON", daemon);
            }
            process = pb.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // process gone
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void await(String text) throws Exception {
            Waits.until(Duration.ofSeconds(60), "bin/pcsc to print '" + text + "', so far: " + lines,
                    () -> lines.stream().anyMatch(l -> l.contains(text)));
        }

        long count(String text) {
            return lines.stream().filter(l -> l.contains(text)).count();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void scanShowsTheCardGoingAndComingBack() throws Exception {
        try (JpcscdDaemon daemon = JpcscdDaemon.start();
                Pcsc scan = new Pcsc(daemon.socket(), daemon.log().getParent(), "--no-auto-start", "scan")) {
            scan.await("Card present");
            scan.await("ATR: 3B 80 80 01 01");
            daemon.removeCard();
            scan.await("Card removed");
            daemon.insertCard();
            scan.await("Card inserted");
            Waits.until(Duration.ofSeconds(10), "the ATR again", () -> scan.count("ATR: 3B 80 80 01 01") >= 2);
            scan.process.destroy();
            assertTrue(scan.process.waitFor(10, TimeUnit.SECONDS), "SIGTERM ends the scan");
        }
    }

    @Test
    void sendPrintsResponseDataAndStatusWord() throws Exception {
        try (JpcscdDaemon daemon = JpcscdDaemon.start();
                Pcsc send = new Pcsc(daemon.socket(), daemon.log().getParent(), "--no-auto-start", "send",
                        "Virtual PCD 00 00", "80 10 00 00 02 CA FE 00", "00A40400")) {
            assertTrue(send.process.waitFor(60, TimeUnit.SECONDS));
            send.await("< SW 9000");
            assertEquals(0, send.process.exitValue(), String.join("\n", send.lines));
            assertTrue(send.lines.contains("> 80 10 00 00 02 CA FE 00"), send.lines.toString());
            assertTrue(send.lines.contains("< CA FE  SW 9000"), send.lines.toString());
        }
    }

    @Test
    void failuresNameTheScardCode() throws Exception {
        Path dir = Files.createTempDirectory("jpcscd-pcsc");
        try (Pcsc list = new Pcsc(dir.resolve("none.comm"), dir, "--no-auto-start", "list")) {
            assertTrue(list.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, list.process.exitValue());
            list.await("SCARD_E_NO_SERVICE");
        }
    }

    @Test
    void scanOnAFreshMachineStartsTheDaemonWithTheSimulatedReaderAndShowsTheCard() throws Exception {
        Path dir = Files.createTempDirectory("jpcscd-fresh");
        Path socket = dir.resolve("pcscd.comm");
        try (Pcsc scan = new Pcsc(socket, dir, "scan")) {
            scan.await("jpcscd Virtual Reader 00 00");
            scan.await("Card present");
            scan.await("ATR: ");
            assertEquals(1, Distribution.daemonsOn(socket).size());
        } finally {
            Distribution.daemonsOn(socket).forEach(ProcessHandle::destroy);
        }
    }
}
