package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real PC/SC client (pcsc_scan, opensc-tool, a pyscard script, a child JVM) pointed at the daemon
 * under test through PCSCLITE_CSOCK_NAME; its output is read line by line as it comes.
 */
final class ClientProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder all = new StringBuilder();
    private final Thread pump;

    private ClientProcess(Process process) {
        this.process = process;
        this.pump = new Thread(this::pumpOutput, "client-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    static ClientProcess start(Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            return new ClientProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /** Runs to the end (or is killed at the deadline) and returns everything it printed. */
    static String run(Map<String, String> environment, Duration deadline, String... command) throws InterruptedException {
        try (ClientProcess client = start(environment, List.of(command))) {
            if (!client.process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                client.process.destroyForcibly();
                client.process.waitFor(5, TimeUnit.SECONDS);
            }
            client.pump.join(5000);
            return client.output();
        }
    }

    /** A child JVM running {@code mainClass} from this module's test classes. */
    static List<String> java(Class<?> mainClass, String... arguments) {
        try {
            Path classes = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new java.util.ArrayList<>(
                    List.of(java.toString(), "-cp", classes.toString(), mainClass.getName()));
            command.addAll(List.of(arguments));
            return command;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next line that contains {@code text}, skipping others; fails at the deadline. */
    String awaitLine(String text, Duration deadline) throws InterruptedException {
        String line = nextLine(text, deadline);
        if (line == null) {
            fail("client never printed '" + text + "'; output so far:\n" + output());
        }
        return line;
    }

    /** The next line that contains {@code text}, or null if none comes within {@code deadline}. */
    String nextLine(String text, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null || line.contains(text)) {
                return line;
            }
        }
    }

    /** Writes one line to the client's standard input. */
    void sendLine(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    long pid() {
        return process.pid();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    String output() {
        synchronized (all) {
            return all.toString();
        }
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (all) {
                    all.append(line).append('\n');
                }
                lines.add(line);
            }
        } catch (IOException e) {
            // The process went away.
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
