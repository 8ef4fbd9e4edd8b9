package org.jpcscd.protocol;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run client sessions: still one thread per connection while it lasts (a session
 * blocks in reads and in card calls, as pcscd's per-client thread does), but a thread is kept for a
 * while after its connection ends and reused by the next one. libpcsclite opens a connection per
 * context, so starting a fresh thread for each was a large part of what an
 * SCardEstablishContext/SCardReleaseContext pair cost.
 */
final class SessionThreads {
    /** How long an idle session thread waits for the next connection before it ends. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(60);

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ThreadPoolExecutor pool;

    SessionThreads() {
        // No queue: a connection gets an idle thread or a new one at once, never waits behind another.
        pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS,
                new SynchronousQueue<>(), this::newThread);
    }

    /** Starts the session on a thread of its own; false once the pool is shut down. */
    boolean run(Runnable session) {
        try {
            pool.execute(session);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    /**
     * Lets running sessions finish, up to {@code wait}, and ends the idle threads.
     *
     * @return false if sessions were still running when the wait ran out
     */
    boolean shutdown(Duration wait) {
        pool.shutdown();
        try {
            return pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How many sessions are running now. */
    int running() {
        return pool.getActiveCount();
    }

    private Thread newThread(Runnable r) {
        Thread t = new Thread(r, "jpcscd-client-" + threadNumber.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
