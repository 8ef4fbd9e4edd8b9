package org.jpcscd.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;

/** Runs a blocking call on its own thread and lets the test see when that thread waits. */
final class Background<T> {
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Thread thread;

    private Background(Callable<T> call) {
        thread = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "test-background");
        thread.setDaemon(true);
        thread.start();
    }

    static <T> Background<T> run(Callable<T> call) {
        return new Background<>(call);
    }

    /** Waits until the call is parked (waiting on a lock or condition) inside the code under test. */
    Background<T> awaitParked() {
        eventually(() -> {
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || result.isDone();
        }, "background call never blocked");
        if (result.isDone()) {
            fail("the call returned instead of blocking: " + result);
        }
        return this;
    }

    boolean isDone() {
        return result.isDone();
    }

    T get() throws Exception {
        try {
            return result.get(Harness.DEADLINE_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("still blocked after " + Harness.DEADLINE_MS + " ms");
        }
    }

    /** The PC/SC code the call failed with. */
    ScardCode failure() throws Exception {
        try {
            get();
        } catch (ScardException e) {
            return e.code();
        }
        throw new AssertionError("expected a failure");
    }

    /** Polls a condition until it holds or the deadline passes. */
    static void eventually(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Harness.DEADLINE_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail(what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
