package org.jpcscd.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The state generation behind {@code stateGeneration()}/{@code awaitStateChange()}. Waiters are
 * completed on the given executor so that a caller's continuation never runs under a reader's lock.
 */
final class StateBroadcaster {
    private final Executor completions;
    private final Set<CompletableFuture<Long>> waiting = new LinkedHashSet<>();
    private long generation;
    private boolean closed;

    StateBroadcaster(Executor completions) {
        this.completions = completions;
    }

    synchronized long generation() {
        return generation;
    }

    /** Records a change clients can see and wakes everyone waiting for one. */
    void changed() {
        List<CompletableFuture<Long>> wake;
        long now;
        synchronized (this) {
            now = ++generation;
            if (waiting.isEmpty()) {
                return;
            }
            wake = new ArrayList<>(waiting);
            waiting.clear();
        }
        try {
            completions.execute(() -> wake.forEach(f -> f.complete(now)));
        } catch (RejectedExecutionException e) {
            // Shutting down: nobody's lock is worth protecting any more.
            wake.forEach(f -> f.complete(now));
        }
    }

    CompletableFuture<Long> await(long known) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(stopped());
            }
            if (generation != known) {
                future.complete(generation);
                return future;
            }
            waiting.add(future);
        }
        // A cancelled or timed-out waiter leaves the set at once instead of at the next change.
        future.whenComplete((value, failure) -> forget(future));
        return future;
    }

    /**
     * The core is stopping: every waiter fails at once, so a client blocked in
     * SCardGetStatusChange learns the daemon is going instead of waiting for a change that never comes.
     */
    void close() {
        List<CompletableFuture<Long>> waiters;
        synchronized (this) {
            closed = true;
            waiters = new ArrayList<>(waiting);
            waiting.clear();
        }
        waiters.forEach(f -> f.completeExceptionally(stopped()));
    }

    private static IllegalStateException stopped() {
        return new IllegalStateException("resource manager stopped");
    }

    private synchronized void forget(CompletableFuture<Long> future) {
        waiting.remove(future);
    }

    synchronized int waiterCount() {
        return waiting.size();
    }
}
