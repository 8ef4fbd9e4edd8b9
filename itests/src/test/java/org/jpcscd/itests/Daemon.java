package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The packaged daemon ({@code bin/pcscd --foreground --socket PATH}) in a private copy of the
 * distribution, so its {@code etc/} can be written: card and reader changes reach the simulated
 * readers through Config Admin files there (FileInstall), exactly as an administrator would make them.
 */
final class Daemon implements AutoCloseable {
    static final String READER = "jpcscd Virtual Reader 00 00";
    static final String SECOND_READER = "jpcscd Virtual Reader 01 00";
    /** Short, so every test that provokes it stays fast; pcscd's 2 s is the default. */
    static final Duration FOREIGN_HANDLE_DELAY = Duration.ofMillis(1000);
    static final Duration PARTIAL_MESSAGE_TIMEOUT = Duration.ofMillis(1000);
    static final Duration START_DEADLINE = Duration.ofSeconds(60);

    final Path home;
    final Path socket;
    final Path log;
    private final Process process;

    private Daemon(Path home, Path socket, Path log, Process process) {
        this.home = home;
        this.socket = socket;
        this.log = log;
        this.process = process;
    }

    static Daemon start(String name, String... extraArguments) throws IOException {
        Path distribution = Path.of(System.getProperty("jpcscd.home", "target/dist/jpcscd"));
        Path work = Files.createDirectories(Path.of(System.getProperty("jpcscd.it.work", "target/it-work")));
        Path home = Files.createTempDirectory(work, name + "-");
        copyTree(distribution, home);
        // A socket path must fit in sun_path (108 bytes): keep it short, under /tmp.
        Path socket = Files.createTempDirectory("jpcscd-it-").resolve("pcscd.comm");
        Path log = home.resolve("daemon.log");
        writeVirtualReaders(home, 1, List.of());
        List<String> command = new ArrayList<>(List.of(
                "sh", home.resolve("bin/pcscd").toString(), "--foreground", "--socket", socket.toString(),
                "--set", "org.jpcscd.protocol:foreign.handle.delay.ms=" + FOREIGN_HANDLE_DELAY.toMillis(),
                "--set", "org.jpcscd.protocol:partial.message.timeout.ms=" + PARTIAL_MESSAGE_TIMEOUT.toMillis(),
                "-D", "felix.fileinstall.poll=100"));
        command.addAll(List.of(extraArguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("XDG_RUNTIME_DIR", home.toString());
        builder.environment().remove("PCSCLITE_CSOCK_NAME");
        Daemon daemon = new Daemon(home, socket, log, builder.start());
        daemon.awaitServing();
        daemon.awaitLog(READER, START_DEADLINE);
        return daemon;
    }

    /** The environment a libpcsclite client needs to find this daemon. */
    Map<String, String> clientEnvironment() {
        return Map.of("PCSCLITE_CSOCK_NAME", socket.toString());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Reconfigures the simulated readers (PID org.jpcscd.ifd.virtual) through etc/. A .cfg value is a
     * single string, so at most one reader can be listed without a card.
     */
    void virtualReaders(int readers, List<Integer> withoutCard) throws IOException {
        if (withoutCard.size() > 1) {
            throw new IllegalArgumentException("one reader without a card at most: " + withoutCard);
        }
        writeVirtualReaders(home, readers, withoutCard);
    }

    private static void writeVirtualReaders(Path home, int readers, List<Integer> withoutCard) throws IOException {
        StringBuilder cfg = new StringBuilder("readers = " + readers + "\n");
        if (!withoutCard.isEmpty()) {
            // The property of the metatype attribute cards_absent() (a single '_' stands for '.').
            cfg.append("cards.absent = ").append(withoutCard.get(0)).append("\n");
        }
        Path file = home.resolve("etc/org.jpcscd.ifd.virtual.cfg");
        Path temporary = home.resolve("org.jpcscd.ifd.virtual.cfg.new");
        Files.writeString(temporary, cfg);
        // Atomically, so FileInstall never reads half a file.
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the daemon's log contains {@code text}. */
    void awaitLog(String text, Duration deadline) {
        Deadline.await(deadline, () -> logText().contains(text), () -> "daemon log never said '" + text + "':\n" + logText());
    }

    private void awaitServing() {
        Deadline.await(START_DEADLINE, () -> {
            if (!process.isAlive()) {
                fail("daemon exited with " + process.exitValue() + ":\n" + logText());
            }
            if (!Files.exists(socket)) {
                return false;
            }
            try (AFUNIXSocket probe = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socket))) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, () -> "daemon never served " + socket + ":\n" + logText());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
