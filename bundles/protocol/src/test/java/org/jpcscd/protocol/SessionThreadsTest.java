package org.jpcscd.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A connection after another one ended reuses its thread; two at once never share one. */
class SessionThreadsTest {
    final SessionThreads threads = new SessionThreads();

    @Test
    void aSessionAfterAnEndedOneRunsOnTheSameThread() throws Exception {
        Thread first = threadOf(threads);
        awaitWaitingForWork(first);
        Thread second = threadOf(threads);
        assertSame(first, second, "the idle thread was reused, no new thread per connection");
        assertTrue(first.isDaemon());
        assertTrue(threads.shutdown(Duration.ofSeconds(5)));
    }

    @Test
    void sessionsAtTheSameTimeEachGetTheirOwnThreadAndShutdownWaitsForThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> a = new CompletableFuture<>();
        CompletableFuture<Thread> b = new CompletableFuture<>();
        assertTrue(threads.run(() -> { a.complete(Thread.currentThread()); await(release); }));
        assertTrue(threads.run(() -> { b.complete(Thread.currentThread()); await(release); }));
        assertNotSame(a.get(5, TimeUnit.SECONDS), b.get(5, TimeUnit.SECONDS), "a blocked session never holds up another");
        assertFalse(threads.shutdown(Duration.ofMillis(50)), "both sessions are still running");
        assertFalse(threads.run(() -> { }), "no new session once stopping");
        release.countDown();
        assertTrue(threads.shutdown(Duration.ofSeconds(5)));
    }

    private static Thread threadOf(SessionThreads threads) throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        assertTrue(threads.run(() -> ran.complete(Thread.currentThread())));
        return ran.get(5, TimeUnit.SECONDS);
    }

    /** The ended session's thread is back in the pool, parked until the next connection or its keep-alive. */
    private static void awaitWaitingForWork(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the first session never ended");
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
