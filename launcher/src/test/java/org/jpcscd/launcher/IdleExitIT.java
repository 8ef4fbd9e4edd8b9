package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/pcscd --auto-exit=1 as a process: when it goes, that it goes cleanly, and SIGTERM. */
class IdleExitIT {
    private static final Duration DELAY = Duration.ofSeconds(1);
    /** Generous: a loaded 2-core machine; only "not before the delay" is tight. */
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path runtime;
    private DaemonRun daemon;

    @AfterEach
    void kill() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private Path socket() {
        return runtime.resolve("pcscd.comm");
    }

    /**
     * The idle timer runs from start-up, so connect as soon as the socket exists: once connected the
     * daemon cannot leave (the expiry sees the connection), however long establishing takes.
     */
    private WireClient connectWhileItStarts() throws IOException {
        long end = System.nanoTime() + DaemonRun.START.toNanos();
        while (System.nanoTime() < end) {
            assertTrue(daemon.process.isAlive(), () -> "exited before a client got in:\n" + daemon.output.text());
            try {
                return WireClient.connect(socket());
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
        throw new AssertionError("never served " + socket() + ":\n" + daemon.output.text());
    }

    @Test
    void exitsTheDelayAfterTheLastContextIsReleasedNotBeforeAndNotWhileOneLives() throws Exception {
        daemon = DaemonRun.start(runtime, DaemonRun.arguments(socket(), "--auto-exit=1"));
        WireClient client = connectWhileItStarts();
        assertEquals(0, client.establish());
        assertTrue(Files.exists(runtime.resolve("pcscd.pid")), "the pid file beside the socket");

        // Three idle delays with a live context: it must still be there.
        assertFalse(daemon.process.waitFor(3 * DELAY.toMillis(), TimeUnit.MILLISECONDS),
                () -> "exited while a context was alive:\n" + daemon.output.text());

        Instant released = Instant.now();
        assertEquals(0, client.release());
        client.close();
        Instant ended = daemon.ended.get(EXIT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        Duration idle = Duration.between(released, ended);
        assertTrue(idle.compareTo(DELAY) >= 0, "not before the delay: " + idle);
        assertTrue(idle.compareTo(DELAY.plus(EXIT_DEADLINE)) < 0, "about the delay: " + idle);
        assertEquals(0, daemon.process.exitValue(), daemon.output.text());
        daemon.output.await(l -> l.contains("No PC/SC context for the idle delay: exiting"), DaemonRun.STOP);
        assertFilesRemoved();
        assertFalse(WireClient.answers(socket()), "nobody answers: libpcsclite says SCARD_E_NO_SERVICE");
    }

    @Test
    void aDaemonNobodyConnectsToExitsToo() throws Exception {
        daemon = DaemonRun.start(runtime, DaemonRun.arguments(socket(), "--auto-exit=1"));
        assertTrue(daemon.process.waitFor(DaemonRun.START.toSeconds(), TimeUnit.SECONDS), daemon.output::text);
        assertEquals(0, daemon.process.exitValue(), daemon.output.text());
        assertFilesRemoved();
    }

    @Test
    void withoutAutoExitItStaysAndSigtermEndsItWithAClientConnected() throws Exception {
        daemon = DaemonRun.start(runtime, DaemonRun.arguments(socket()));
        daemon.awaitServing();
        WireClient client = WireClient.connect(socket());
        assertEquals(0, client.establish());
        assertFalse(daemon.process.waitFor(2 * DELAY.toMillis(), TimeUnit.MILLISECONDS), "no idle exit by default");

        daemon.process.toHandle().destroy(); // SIGTERM
        assertTrue(daemon.process.waitFor(DaemonRun.STOP.toSeconds(), TimeUnit.SECONDS), daemon.output::text);
        assertEquals(0, daemon.process.exitValue(), daemon.output.text());
        // The client learns at once that the daemon is gone (EOF or reset), it does not hang.
        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> {
            try {
                return client.release();
            } catch (IOException e) {
                return -1;
            }
        });
        ExecutionException failed = null;
        int result = 0;
        try {
            result = next.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            failed = e;
        }
        assertTrue(failed != null || result == -1, "the call fails instead of being answered: " + result);
        client.close();
        assertFilesRemoved();
    }

    @Test
    void sigintStopsItInOrderToo() throws Exception {
        // A test runner started in the background passes SIGINT on as ignored, and an ignored signal
        // stays ignored across exec: start the daemon with the default disposition, as from a terminal.
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
                DaemonRun.DIST.resolve("bin/pcscd").toString()));
        command.addAll(DaemonRun.arguments(socket()));
        daemon = DaemonRun.of(DaemonRun.builder(runtime, command, java.util.Map.of()).start());
        daemon.output.await(l -> l.contains("jpcscd started"), DaemonRun.START);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(daemon.pid())).start();
        assertTrue(kill.waitFor(DaemonRun.STOP.toSeconds(), TimeUnit.SECONDS));
        assertTrue(daemon.process.waitFor(DaemonRun.STOP.toSeconds(), TimeUnit.SECONDS), daemon.output::text);
        assertEquals(0, daemon.process.exitValue(), daemon.output.text());
        daemon.output.await(l -> l.contains("jpcscd stopped"), DaemonRun.STOP);
        assertFilesRemoved();
    }

    @Test
    void autoExitRejectsANegativeDelay() throws Exception {
        daemon = DaemonRun.start(runtime, DaemonRun.arguments(socket(), "--auto-exit=-1"));
        assertTrue(daemon.process.waitFor(DaemonRun.START.toSeconds(), TimeUnit.SECONDS));
        assertEquals(2, daemon.process.exitValue());
        assertThrows(AssertionError.class, () -> daemon.output.await(l -> l.contains("jpcscd started"), Duration.ZERO));
    }

    private void assertFilesRemoved() {
        assertFalse(Files.exists(socket()), "socket removed");
        assertFalse(Files.exists(runtime.resolve("pcscd.pid")), "pid file removed");
    }
}
