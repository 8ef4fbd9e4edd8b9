package org.jpcscd.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.api.rm.ResourceManager;
import org.jpcscd.wire.ReaderStateEntry;
import org.jpcscd.wire.Wire;

/**
 * pcscd's shared reader-state array, built from the resource manager's snapshot. Reading it never
 * touches a driver: the core keeps the snapshot up to date on its own threads.
 */
final class ReaderStates {
    /**
     * How long a state request waits for new readers to finish their first presence check (pcscd
     * waits without limit; a reader stuck initialising must not hang every client).
     */
    static final Duration MAX_INIT_WAIT = Duration.ofSeconds(5);

    private final ResourceManager rm;
    /** The 4.6 array never shrinks: a 2.5 client refuses a size smaller than the one it has. */
    private volatile int arrayHighWater = Wire.MAX_READERS_CONTEXTS;

    ReaderStates(ResourceManager rm) {
        this.rm = rm;
    }

    /** The state generation, read before a snapshot so that a change racing the snapshot is signalled. */
    long generation() {
        return rm.stateGeneration();
    }

    /** The array as protocol 4.4/4.5 sends it: exactly 16 entries in slot order. */
    byte[] fixedArray() {
        return array(ready(), Wire.MAX_READERS_CONTEXTS);
    }

    /** The size a protocol 4.6 client is told (pcscd 2.5: the capacity of its growable table). */
    int arraySize() {
        List<ReaderStatus> readers = rm.readers();
        int needed = Wire.MAX_READERS_CONTEXTS;
        for (ReaderStatus r : readers) {
            needed = Math.max(needed, r.index() + 1);
        }
        synchronized (this) {
            arrayHighWater = Math.max(arrayHighWater, needed);
            return arrayHighWater;
        }
    }

    /** The array with {@code count} entries (protocol 4.6). */
    byte[] array(int count) {
        return array(ready(), count);
    }

    static byte[] array(List<ReaderStatus> readers, int count) {
        List<ReaderStateEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(ReaderStateEntry.unused());
        }
        for (ReaderStatus r : readers) {
            if (r.index() >= 0 && r.index() < count) {
                entries.set(r.index(), entryOf(r));
            }
        }
        return ReaderStateEntry.arrayBytes(entries, count);
    }

    static ReaderStateEntry entryOf(ReaderStatus r) {
        byte[] atr = r.atr();
        int atrLength = r.initialising() ? ReaderStateEntry.NOT_INITIALISED : Math.min(atr.length, ReaderStateEntry.MAX_ATR);
        return new ReaderStateEntry(
                r.name(), r.eventCounter(), r.cardState(), r.sharing(), atr, atrLength, Protocol.maskOf(r.protocol()));
    }

    /**
     * The readers once none is still initialising, as pcscd's USB build waits before answering (a
     * client would otherwise see an ATR length of 34).
     */
    private List<ReaderStatus> ready() {
        long deadline = System.nanoTime() + MAX_INIT_WAIT.toNanos();
        while (true) {
            long generation = rm.stateGeneration();
            List<ReaderStatus> readers = rm.readers();
            long left = deadline - System.nanoTime();
            if (readers.stream().noneMatch(ReaderStatus::initialising) || left <= 0) {
                return readers;
            }
            try {
                rm.awaitStateChange(generation).get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return rm.readers();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return rm.readers();
            }
        }
    }
}
