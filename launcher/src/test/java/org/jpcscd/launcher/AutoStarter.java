package org.jpcscd.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a client library's auto-start does when no daemon answers (libpcsclite 1.6's dance): take a
 * start lock so racing clients start one daemon between them, look again, start bin/pcscd
 * --auto-exit, and wait until it answers. A daemon that refuses because the previous one is still on
 * its way out is simply started again.
 */
final class AutoStarter {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final Path socket;
    private final Path runtime;
    private final List<String> extraArguments;
    private final Path startLock;
    private final AtomicInteger runs = new AtomicInteger();
    final List<DaemonRun> started = new CopyOnWriteArrayList<>();

    AutoStarter(Path socket, Path runtime, String... extraArguments) {
        this.socket = socket;
        this.runtime = runtime;
        this.extraArguments = List.of(extraArguments);
        this.startLock = socket.resolveSibling("start.lock");
    }

    /** Returns once a daemon answers on the socket. */
    void ensureDaemon() throws IOException, InterruptedException {
        // File locks are per process: threads of this one queue on the monitor first.
        synchronized (this) {
            try (FileChannel channel = FileChannel.open(startLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                long end = System.nanoTime() + DEADLINE.toNanos();
                while (!WireClient.answers(socket)) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError("no daemon could be started on " + socket);
                    }
                    startOne();
                }
            }
        }
    }

    private void startOne() throws IOException, InterruptedException {
        Path own = Files.createDirectories(runtime.resolve("run-" + runs.incrementAndGet()));
        DaemonRun run = DaemonRun.start(own, DaemonRun.arguments(socket, extraArguments.toArray(String[]::new)));
        started.add(run);
        long end = System.nanoTime() + DaemonRun.START.toNanos();
        while (System.nanoTime() < end) {
            if (WireClient.answers(socket)) {
                return;
            }
            // Exited: refused (the previous daemon still held the lock) or already idle again.
            if (run.process.waitFor(20, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }
}
