package org.jpcscd.lifecycle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * pcscd's auto-exit alarm: an idle period starts when the live-context count drops to zero and is
 * cancelled by a new context; when a period runs out, the expiry action runs once on the scheduler's
 * thread. A change of the delay applies from the next idle period on; switching auto-exit off cancels
 * the running one.
 */
final class IdleTimer {
    /** Runs when an idle period ends; it decides whether the daemon really goes. */
    interface Expiry {
        void expired();
    }

    private final ScheduledExecutorService scheduler;
    private final Expiry expiry;

    private boolean autoExit;
    private Duration delay;
    private int contexts;
    private ScheduledFuture<?> period;
    private long periodEndNanos;

    IdleTimer(ScheduledExecutorService scheduler, Expiry expiry, boolean autoExit, Duration delay) {
        this.scheduler = scheduler;
        this.expiry = expiry;
        this.autoExit = autoExit;
        this.delay = delay;
    }

    /** The live-context count changed (or is re-read): zero starts a period if none runs, more cancels it. */
    synchronized void contextsChanged(int live) {
        contexts = live;
        if (live > 0) {
            cancel();
        } else if (period == null && autoExit) {
            start();
        }
    }

    synchronized void configure(boolean autoExit, Duration delay) {
        this.autoExit = autoExit;
        this.delay = delay;
        if (!autoExit) {
            cancel();
        }
    }

    synchronized IdleStatus status() {
        Optional<Duration> remaining = period == null
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(0, periodEndNanos - System.nanoTime())));
        return new IdleStatus(autoExit, delay, contexts, remaining);
    }

    synchronized void cancel() {
        if (period != null) {
            period.cancel(false);
            period = null;
        }
    }

    private void start() {
        periodEndNanos = System.nanoTime() + delay.toNanos();
        // The task needs this object's lock to look at itself, and the caller holds it until
        // period is assigned, so even a zero delay sees its own future.
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = scheduler.schedule(() -> fire(self), delay.toNanos(), TimeUnit.NANOSECONDS);
        period = self[0];
    }

    private void fire(ScheduledFuture<?>[] self) {
        synchronized (this) {
            if (period != self[0]) {
                return; // cancelled or replaced after it was already due
            }
            period = null;
        }
        expiry.expired();
    }
}
