package org.jpcscd.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jpcscd.api.ifd.IfdReader;

/**
 * One reader service and its slots. The lock guards the state of every slot of the reader and is
 * only ever held for short bookkeeping, never across a driver call (see {@link DriverGate}).
 */
final class ReaderUnit {
    final IfdReader driver;
    final String driverName;
    final int instance;
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled on every state change of any slot: gate released, transaction ended, removal. */
    final Condition changed = lock.newCondition();
    private final List<ReaderSlot> slots = new ArrayList<>();
    private volatile boolean gone;
    private volatile boolean cardEventListener;

    ReaderUnit(IfdReader driver, String driverName, int instance) {
        this.driver = driver;
        this.driverName = driverName;
        this.instance = instance;
    }

    void addSlot(ReaderSlot slot) {
        slots.add(slot);
    }

    List<ReaderSlot> slots() {
        return Collections.unmodifiableList(slots);
    }

    /** Whether the driver was given a card event listener (and must be told to drop it). */
    boolean hasCardEventListener() {
        return cardEventListener;
    }

    void cardEventListenerInstalled() {
        cardEventListener = true;
    }

    boolean isGone() {
        return gone;
    }

    /** Marks the reader removed and wakes every caller waiting on it; never waits for the driver. */
    void markGone() {
        lock.lock();
        try {
            gone = true;
            for (ReaderSlot slot : slots) {
                slot.readerRemoved();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
