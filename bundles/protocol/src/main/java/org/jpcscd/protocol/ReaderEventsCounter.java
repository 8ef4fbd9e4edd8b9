package org.jpcscd.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.api.rm.ResourceManager;

/**
 * pcscd 2.3's {@code ReaderEvents} (protocol 4.5, CMD_GET_READER_EVENTS): a daemon-wide counter that
 * starts at 1 and moves on every reader addition or removal, wrapping back to 1, never 0. Clients use
 * it to notice a reader coming and going between two looks at the list.
 */
final class ReaderEventsCounter {
    private final ResourceManager rm;
    private final Executor executor;
    private Set<String> knownReaders;
    private int counter = 1;
    private long generation;
    private CompletableFuture<Long> watch;
    private boolean stopped;

    ReaderEventsCounter(ResourceManager rm, Executor executor) {
        this.rm = rm;
        this.executor = executor;
    }

    synchronized void start() {
        generation = rm.stateGeneration();
        knownReaders = names(rm.readers());
        watchNext();
    }

    synchronized void stop() {
        stopped = true;
        if (watch != null) {
            watch.cancel(false);
        }
    }

    /** The counter, brought up to date with the readers present now. */
    synchronized int value() {
        update();
        return counter;
    }

    private void watchNext() {
        if (stopped) {
            return;
        }
        watch = rm.awaitStateChange(generation);
        // Not on the core's thread: it may complete the future while holding its own locks.
        watch.thenRunAsync(this::onChange, executor);
    }

    private synchronized void onChange() {
        update();
        watchNext();
    }

    private void update() {
        generation = rm.stateGeneration();
        Set<String> now = names(rm.readers());
        int moves = 0;
        for (String name : now) {
            if (!knownReaders.contains(name)) {
                moves++;
            }
        }
        for (String name : knownReaders) {
            if (!now.contains(name)) {
                moves++;
            }
        }
        for (int i = 0; i < moves; i++) {
            counter = counter == Integer.MAX_VALUE ? 1 : counter + 1;
        }
        knownReaders = now;
    }

    private static Set<String> names(List<ReaderStatus> readers) {
        Set<String> names = new HashSet<>();
        for (ReaderStatus r : readers) {
            names.add(r.name());
        }
        return names;
    }
}
