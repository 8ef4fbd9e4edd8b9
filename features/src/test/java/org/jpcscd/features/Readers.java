package org.jpcscd.features;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.api.rm.ResourceManager;

/** Waits on the resource manager's own change notification, with a deadline; never sleeps. */
final class Readers {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    static List<ReaderStatus> await(ResourceManager manager, String what, Predicate<List<ReaderStatus>> condition)
            throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            long generation = manager.stateGeneration();
            List<ReaderStatus> readers = manager.readers();
            if (condition.test(readers)) {
                return readers;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("not within " + DEADLINE + ": " + what + "; readers are " + names(readers));
            }
            try {
                manager.awaitStateChange(generation).get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("not within " + DEADLINE + ": " + what + "; readers are " + names(manager.readers()));
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
    }

    static Predicate<List<ReaderStatus>> oneWithCard(String name) {
        return readers -> readers.stream().anyMatch(r -> r.name().equals(name) && r.cardPresent() && r.atr().length > 0);
    }

    static Predicate<List<ReaderStatus>> none() {
        return List::isEmpty;
    }

    private static List<String> names(List<ReaderStatus> readers) {
        return readers.stream().map(r -> r.name() + (r.cardPresent() ? " (card)" : "")).toList();
    }

    private Readers() {
    }
}
