package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for something another process does (a log line, a socket file): there is no event to wait
 * on across a process boundary, so poll the condition briefly until a deadline.
 */
final class Deadline {
    private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();

    private Deadline() {
    }

    static void await(Duration deadline, BooleanSupplier condition, Supplier<String> failure) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail(failure.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
