package org.jpcscd.ifd.vpcd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's third-party virtual card ({@code shared/bench/echo-card.c}), compiled with gcc into
 * {@code target/} and run as a real process against a slot's port.
 */
final class EchoCard implements AutoCloseable {
    private static final Path BINARY = Paths.get("target", "echo-card").toAbsolutePath();

    private final Process process;
    final Path log;

    private EchoCard(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static synchronized Path binary() throws IOException, InterruptedException {
        Path source = source();
        if (Files.isExecutable(BINARY) && Files.getLastModifiedTime(BINARY).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return BINARY;
        }
        Files.createDirectories(BINARY.getParent());
        Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", BINARY.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes());
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IllegalStateException("gcc could not build " + source + ":\n" + out);
        }
        return BINARY;
    }

    /** {@code shared/bench} sits beside the main checkout; worktrees are one level further down. */
    private static Path source() {
        String explicit = System.getProperty("jpcscd.bench.dir");
        Path root = Paths.get(System.getProperty("jpcscd.root", "../..")).toAbsolutePath().normalize();
        List<Path> candidates = explicit != null
                ? List.of(Paths.get(explicit, "echo-card.c"))
                : List.of(root.resolve("../shared/bench/echo-card.c"), root.resolve("../../shared/bench/echo-card.c"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("echo-card.c not found in " + candidates + "; set -Djpcscd.bench.dir");
    }

    static EchoCard start(int port) throws IOException, InterruptedException {
        Path log = Paths.get("target", "echo-card-" + port + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(binary().toString(), "-H", "127.0.0.1", "-p", String.valueOf(port), "-v")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new EchoCard(process, log);
    }

    /** Like pulling the card: the process dies and the kernel closes its connection. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
