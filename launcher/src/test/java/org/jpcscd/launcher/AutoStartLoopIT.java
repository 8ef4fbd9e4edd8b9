package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jpcscd.client.ClientSettings;
import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients in tight loops across several idle exits (delay 1 s): each either gets a context or finds no
 * daemon at all (connect fails: SCARD_E_NO_SERVICE), which auto-start turns into a new daemon. A
 * connection that is accepted and then dropped would be a lost client (libpcsclite does not auto-start
 * on SCARD_F_COMM_ERROR), and a call that never returns a hang: both fail the test.
 */
class AutoStartLoopIT {
    private static final int CLIENTS = 3;
    private static final int ROUNDS = 6;
    private static final int CYCLES_PER_ROUND = 5;
    private static final Duration CYCLE_DEADLINE = Duration.ofSeconds(150);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @TempDir
    Path runtime;
    private AutoStarter starter;

    @AfterEach
    void kill() {
        if (starter != null) {
            starter.started.forEach(DaemonRun::close);
        }
    }

    @Test
    void everyClientIsServedOrStartsADaemonAndDaemonsNeverOverlap() throws Exception {
        Path socket = runtime.resolve("pcscd.comm");
        starter = new AutoStarter(socket, runtime, "--auto-exit=1");
        AtomicInteger contexts = new AtomicInteger();
        AtomicInteger noService = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Future<?>> burst = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    burst.add(clients.submit(() -> {
                        for (int i = 0; i < CYCLES_PER_ROUND; i++) {
                            oneContext(socket, contexts, noService);
                        }
                        return null;
                    }));
                }
                for (Future<?> client : burst) {
                    try {
                        client.get(CYCLE_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        throw new AssertionError("a client hung; daemons:\n" + logs(), e);
                    }
                }
                // Idle for about the delay, a little less or more each round, so the next round's
                // clients arrive while the daemon is deciding to exit, or just after it did.
                LockSupport.parkNanos(Duration.ofMillis(850 + ThreadLocalRandom.current().nextInt(500)).toNanos());
            }
        } finally {
            clients.shutdownNow();
        }

        assertEquals(CLIENTS * ROUNDS * CYCLES_PER_ROUND, contexts.get(), "every client got its context");
        List<DaemonRun> served = servingDaemons();
        assertTrue(served.size() >= 2, "the loop crossed idle exits: " + served.size() + " daemon(s) served\n" + logs());
        assertTrue(noService.get() >= 1, "some clients found no daemon and started one");
        for (int i = 1; i < served.size(); i++) {
            LocalDateTime previousStopped = time(served.get(i - 1), "jpcscd stopped")
                    .orElseThrow(() -> new AssertionError("an earlier daemon never stopped:\n" + logs()));
            LocalDateTime nextServing = time(served.get(i), "Serving PC/SC clients").orElseThrow();
            assertTrue(!nextServing.isBefore(previousStopped),
                    "two daemons served at once (" + previousStopped + " / " + nextServing + "):\n" + logs());
        }
        for (DaemonRun run : starter.started) {
            if (!run.process.isAlive()) {
                int status = run.process.exitValue();
                boolean refused = run.output.text().contains("already serving");
                assertTrue(status == 0 || (status == 1 && refused), "exit " + status + ":\n" + run.output.text());
            }
        }
    }

    /**
     * The same loop through the Java client on main (org.jpcscd.client), whose own auto-start starts
     * {@code bin/pcscd --foreground --socket S --auto-exit=1} under its start lock: every
     * establishContext must succeed, none may hang.
     */
    @Test
    void theJavaClientsAutoStartGetsEveryClientAContextAcrossIdleExits() throws Exception {
        Path socket = runtime.resolve("pcscd.comm");
        List<String> daemon = new ArrayList<>(List.of(DaemonRun.DIST.resolve("bin/pcscd").toString()));
        daemon.addAll(DaemonRun.arguments(socket, "--auto-exit=1"));
        PcscClient client = PcscClient.create(new ClientSettings(socket, true, daemon, Duration.ofSeconds(120)));
        AtomicInteger contexts = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Future<?>> burst = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    burst.add(clients.submit(() -> {
                        for (int i = 0; i < CYCLES_PER_ROUND; i++) {
                            Context context = client.establishContext();
                            contexts.incrementAndGet();
                            context.release();
                        }
                        return null;
                    }));
                }
                for (Future<?> each : burst) {
                    try {
                        each.get(CYCLE_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        throw new AssertionError("a client hung", e);
                    }
                }
                LockSupport.parkNanos(Duration.ofMillis(850 + ThreadLocalRandom.current().nextInt(500)).toNanos());
            }
        } finally {
            clients.shutdownNow();
            killDaemonsOn(socket);
        }
        assertEquals(CLIENTS * ROUNDS * CYCLES_PER_ROUND, contexts.get());
    }

    /** The client starts its daemons detached from this test: end whichever still serves the socket. */
    private static void killDaemonsOn(Path socket) {
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(socket.toString())).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** Establish and release one context; a failed connect means "no service": start a daemon and retry. */
    private void oneContext(Path socket, AtomicInteger contexts, AtomicInteger noService) throws Exception {
        while (true) {
            WireClient client;
            try {
                client = WireClient.connect(socket);
            } catch (IOException noDaemon) {
                noService.incrementAndGet();
                starter.ensureDaemon();
                continue;
            }
            try (client) {
                // Past connect, any failure is a lost client: let it fail the test.
                assertEquals(0, client.establish());
                contexts.incrementAndGet();
                assertEquals(0, client.release());
                return;
            } catch (IOException lost) {
                throw new AssertionError("connected, then dropped: " + lost + "\n" + logs(), lost);
            }
        }
    }

    private List<DaemonRun> servingDaemons() {
        List<DaemonRun> served = new ArrayList<>();
        for (DaemonRun run : starter.started) {
            if (time(run, "Serving PC/SC clients").isPresent()) {
                served.add(run);
            }
        }
        served.sort(Comparator.comparing(run -> time(run, "Serving PC/SC clients").orElseThrow()));
        return served;
    }

    private static Optional<LocalDateTime> time(DaemonRun run, String text) {
        for (String line : run.output.text().split("\n")) {
            if (line.contains(text) && line.length() > 23) {
                return Optional.of(LocalDateTime.parse(line.substring(0, 23), LOG_TIME));
            }
        }
        return Optional.empty();
    }

    private String logs() {
        StringBuilder all = new StringBuilder();
        for (DaemonRun run : starter.started) {
            all.append("--- pid ").append(run.pid()).append('\n').append(run.output.text()).append('\n');
        }
        return all.toString();
    }
}
