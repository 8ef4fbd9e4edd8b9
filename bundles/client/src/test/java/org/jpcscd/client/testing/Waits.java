package org.jpcscd.client.testing;

import java.time.Duration;

/** Waiting on a condition with a deadline — never a bare sleep as synchronisation. */
public final class Waits {
    private Waits() {
    }

    public interface Check {
        boolean test() throws Exception;
    }

    /** Polls {@code condition} every 20 ms until it holds; fails with {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            pause(20);
        }
    }

    /** A polling interval inside a deadline loop. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
