package org.jpcscd.client.internal;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the daemon on demand: when nobody answers on the socket, take a file lock beside it (so of
 * many clients racing only one starts a daemon), look again, start the daemon detached, and wait
 * until it accepts. The others wait on the lock and then find the daemon running.
 */
public final class AutoStarter {
    private static final Logger LOG = LoggerFactory.getLogger(AutoStarter.class);
    /** FileChannel locks are per process: threads of one JVM queue here first. */
    private static final Object JVM_LOCK = new Object();
    private static final long POLL_MILLIS = 10;

    private AutoStarter() {
    }

    /**
     * A connection to the daemon on {@code socket}, starting it with {@code command} if none
     * answers. With an empty command this is just {@link Connection#open}.
     *
     * @throws ScardException {@code SCARD_E_NO_SERVICE} when no daemon answers and none could be started
     */
    public static Connection connect(Path socket, List<String> command, Duration timeout) throws ScardException {
        ScardException first;
        try {
            return Connection.open(socket);
        } catch (ScardException e) {
            first = e;
        }
        if (command.isEmpty()) {
            throw first;
        }
        synchronized (JVM_LOCK) {
            Path lockFile = sideFile(socket, ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                try {
                    return Connection.open(socket);
                } catch (ScardException stillNone) {
                    // We hold the lock and nobody answers: it is ours to start.
                }
                return start(socket, command, timeout);
            } catch (IOException e) {
                throw new ScardException(ScardCode.E_NO_SERVICE,
                        "no daemon on " + socket + " and cannot take the start-up lock " + lockFile + " (" + e.getMessage() + ")", e);
            }
        }
    }

    private static Connection start(Path socket, List<String> command, Duration timeout) throws ScardException, IOException {
        // A socket file nobody accepts on is left alone: the daemon removes a stale one under its own
        // instance lock, whereas deleting it here could remove the socket a resuming daemon just made.
        Files.createDirectories(socket.toAbsolutePath().getParent());
        Path log = sideFile(socket, ".log");
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // Own session: a Ctrl-C meant for the client's terminal must not reach the daemon.
            argv.add("/usr/bin/setsid");
        }
        argv.addAll(command);
        LOG.info("no PC/SC daemon on {}: starting {} (log {})", socket, String.join(" ", command), log);
        long startedAt = System.nanoTime();
        Process process = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = startedAt + timeout.toNanos();
        while (true) {
            try {
                Connection connection = Connection.open(socket);
                LOG.debug("daemon accepted after {} ms", (System.nanoTime() - startedAt) / 1_000_000);
                return connection;
            } catch (ScardException notYet) {
                // keep waiting
            }
            if (!process.isAlive() && process.exitValue() != 0) {
                throw failed(socket, command, log, "exited with status " + process.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw failed(socket, command, log, "did not accept within " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScardException(ScardCode.E_NO_SERVICE, "interrupted while waiting for the daemon to start");
            }
        }
    }

    private static ScardException failed(Path socket, List<String> command, Path log, String what) {
        return new ScardException(ScardCode.E_NO_SERVICE, "started the PC/SC daemon for " + socket + " ("
                + String.join(" ", command) + ") but it " + what + "; its log " + log + " ends with:\n" + tail(log, 20));
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * {@code <socket><suffix>} when the socket's directory is ours to write, else a file in the
     * temporary directory named after the socket path.
     */
    static Path sideFile(Path socket, String suffix) {
        Path dir = socket.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            if (Files.isWritable(dir)) {
                return Path.of(socket.toAbsolutePath() + suffix);
            }
        } catch (IOException | SecurityException e) {
            // fall through to the temporary directory
        }
        String name = "jpcscd-" + System.getProperty("user.name", "user") + "-"
                + Integer.toHexString(socket.toAbsolutePath().toString().hashCode()) + suffix;
        return Path.of(System.getProperty("java.io.tmpdir"), name);
    }
}
