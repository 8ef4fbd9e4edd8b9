package org.jpcscd.core;

import java.util.ArrayList;
import java.util.List;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.rm.ReaderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One entry of the reader-state array: a slot of a reader, its card state, its handles and its
 * transaction lock. Every field is guarded by the reader's lock; driver calls go through
 * {@link #callDriver}, which holds the slot's {@link DriverGate} and lets go of the lock meanwhile.
 */
final class ReaderSlot {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderSlot.class);
    private static final byte[] NO_ATR = new byte[0];
    static final int POWERED_STATE = CardStateBits.PRESENT | CardStateBits.POWERED | CardStateBits.NEGOTIABLE;

    /** What the presence check saw last (pcscd's dwCurrentState); null before the first check. */
    private enum Presence { PRESENT, ABSENT, UNKNOWN }

    /** A driver call made with the gate held and the lock released. */
    interface DriverCall<T> {
        T call(IfdSlot slot) throws IfdException;
    }

    final ReaderUnit reader;
    final IfdSlot ifd;
    final int index;
    final String name;
    private final DriverGate gate;
    private final StateBroadcaster broadcaster;
    private final Runnable checkRequest;

    private int cardState;
    private byte[] atr = NO_ATR;
    private Protocol protocol;
    private int eventCounter;
    private Presence lastSeen;
    private final List<Handle> handles = new ArrayList<>();
    private boolean exclusive;
    private Handle lockOwner;
    private int lockCount;
    private boolean checkWanted;

    ReaderSlot(ReaderUnit reader, IfdSlot ifd, int index, String name, DriverGate gate,
            StateBroadcaster broadcaster, Runnable checkRequest) {
        this.reader = reader;
        this.ifd = ifd;
        this.index = index;
        this.name = name;
        this.gate = gate;
        this.broadcaster = broadcaster;
        this.checkRequest = checkRequest;
    }

    // ---- locking ------------------------------------------------------------------------------

    void lock() {
        reader.lock.lock();
    }

    void unlock() {
        reader.lock.unlock();
    }

    boolean isGone() {
        return reader.isGone();
    }

    /** Waits (lock held) until the driver is free; fails when the reader goes away meanwhile. */
    void acquireGate() throws ScardException {
        while (gate.busy()) {
            if (isGone()) {
                throw new ScardException(ScardCode.E_INVALID_VALUE, "reader " + name + " was removed");
            }
            awaitChange();
        }
        if (isGone()) {
            throw new ScardException(ScardCode.E_INVALID_VALUE, "reader " + name + " was removed");
        }
        gate.holder = Thread.currentThread();
    }

    boolean tryAcquireGate() {
        if (gate.busy() || isGone()) {
            return false;
        }
        gate.holder = Thread.currentThread();
        return true;
    }

    boolean holdsGate() {
        return gate.holder == Thread.currentThread();
    }

    /** Lets the next caller use the driver; does nothing unless this thread holds the gate. */
    void releaseGate() {
        if (gate.holder != Thread.currentThread()) {
            return;
        }
        gate.holder = null;
        reader.changed.signalAll();
        if (checkWanted && !isGone()) {
            checkWanted = false;
            checkRequest.run();
        }
    }

    /** Waits (lock held, released meanwhile) for any change of this reader's state. */
    void awaitChange() throws ScardException {
        try {
            reader.changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScardException(ScardCode.E_SYSTEM_CANCELLED, "interrupted");
        }
    }

    /** Like {@link #awaitChange()} with a limit; returns the nanoseconds left. */
    long awaitChange(long nanos) throws ScardException {
        try {
            return reader.changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScardException(ScardCode.E_SYSTEM_CANCELLED, "interrupted");
        }
    }

    /**
     * Calls the driver with the gate held (the caller acquired it) and the lock released, so a slow
     * card delays only the callers that need this slot's driver.
     */
    <T> T callDriver(DriverCall<T> call) throws IfdException {
        if (reader.lock.getHoldCount() != 1 || !holdsGate()) {
            throw new IllegalStateException("driver call without the gate or with the lock held re-entrantly");
        }
        reader.lock.unlock();
        try {
            return call.call(ifd);
        } catch (RuntimeException e) {
            // Logged by the caller with what it was doing; the class name says what went wrong.
            LOG.debug("Driver {} of reader {} threw", reader.driverName, name, e);
            throw IfdErrors.fromUnchecked(e);
        } finally {
            reader.lock.lock();
        }
    }

    /** Records a change visible to clients and wakes waiters of this reader. */
    void changed() {
        reader.changed.signalAll();
        broadcaster.changed();
    }

    // ---- state --------------------------------------------------------------------------------

    int cardState() {
        return cardState;
    }

    boolean readerInError() {
        return (cardState & CardStateBits.UNKNOWN) != 0;
    }

    boolean cardPresent() {
        return (cardState & CardStateBits.PRESENT) != 0;
    }

    boolean cardPowered() {
        return (cardState & CardStateBits.POWERED) != 0;
    }

    byte[] atr() {
        return atr;
    }

    Protocol protocol() {
        return protocol;
    }

    void setProtocol(Protocol protocol) {
        if (this.protocol != protocol) {
            this.protocol = protocol;
            changed();
        }
    }

    List<Handle> handles() {
        return handles;
    }

    boolean isExclusive() {
        return exclusive;
    }

    Handle lockOwner() {
        return lockOwner;
    }

    /** Whether {@code handle} holds a transaction it began (the implicit level of an exclusive connect does not count). */
    boolean transactionHeldBy(Handle handle) {
        return lockOwner == handle && lockCount > (exclusive ? 1 : 0);
    }

    /** True when a handle other than {@code self} holds the transaction lock (RFCheckSharing). */
    boolean lockedByOther(Handle self) {
        return lockOwner != null && lockOwner != self;
    }

    void addHandle(Handle handle, boolean exclusiveMode) {
        handles.add(handle);
        if (exclusiveMode) {
            exclusive = true;
            lockOwner = handle;
            lockCount = 1;
        }
        changed();
    }

    void removeHandle(Handle handle) {
        if (handles.remove(handle)) {
            if (exclusive) {
                exclusive = false;
            }
            if (lockOwner == handle) {
                lockOwner = null;
                lockCount = 0;
            }
            changed();
        }
    }

    /** RFLockSharing: the caller checked that no other handle holds the lock. */
    void lockFor(Handle handle) {
        lockOwner = handle;
        lockCount++;
    }

    /**
     * RFUnlockSharing: one level less. In exclusive mode the implicit level of the connect cannot be
     * ended ({@code SCARD_E_NOT_TRANSACTED}).
     */
    void unlockFor(Handle handle) throws ScardException {
        if (lockedByOther(handle)) {
            throw new ScardException(ScardCode.E_SHARING_VIOLATION, "another handle holds the transaction");
        }
        int floor = exclusive ? 1 : 0;
        if (lockCount <= floor) {
            throw new ScardException(ScardCode.E_NOT_TRANSACTED, "no transaction open");
        }
        lockCount--;
        if (lockCount == 0) {
            lockOwner = null;
        }
        reader.changed.signalAll();
    }

    /** Takes the exclusive mode for the only handle (reconnect to EXCLUSIVE). */
    void makeExclusive(Handle handle) {
        exclusive = true;
        lockOwner = handle;
        lockCount++;
        changed();
    }

    /**
     * Leaves exclusive mode (reconnect to SHARED or DIRECT) and drops the implicit lock level with it.
     * pcscd 1.9.9 keeps that level held until an extra EndTransaction (§13); we release it, since
     * the handle no longer claims the card for itself.
     */
    void dropExclusive(Handle handle) {
        exclusive = false;
        if (lockOwner == handle && lockCount > 0) {
            lockCount--;
            if (lockCount == 0) {
                lockOwner = null;
            }
        }
        changed();
    }

    /** RFUnlockAllSharing for a departing handle. */
    void releaseLockOf(Handle handle) {
        if (lockOwner == handle) {
            lockOwner = null;
            lockCount = 0;
            reader.changed.signalAll();
        }
    }

    /** RFSetReaderEventState(SCARD_RESET): every handle of the slot, the caller's included. */
    void flagAllReset() {
        for (Handle h : handles) {
            h.flagReset();
        }
    }

    // ---- power --------------------------------------------------------------------------------

    /**
     * Powers the card up (cold) or warm-resets it, with the gate held, and records the result as
     * pcscd does; returns the driver's failure, or null.
     */
    IfdException power(boolean warm) {
        IfdException failure;
        try {
            byte[] newAtr = callDriver(warm ? IfdSlot::warmReset : IfdSlot::powerUp);
            atr = newAtr == null ? NO_ATR : newAtr.clone();
            cardState = POWERED_STATE;
            failure = null;
        } catch (IfdException e) {
            failure = e;
            atr = NO_ATR;
            recordPowerFailure(e);
        }
        protocol = null;
        changed();
        return failure;
    }

    /** Cold reset: power down, then up (pcscd ignores the power-down result). */
    IfdException coldReset() {
        try {
            callDriver(s -> {
                s.powerDown();
                return null;
            });
        } catch (IfdException e) {
            LOG.debug("Power down before cold reset of {} failed: {}", name, e.getMessage());
        }
        return power(false);
    }

    /** Power off and leave it off (Disconnect with UNPOWER): reader state PRESENT only. */
    IfdException powerDown() {
        IfdException failure = null;
        try {
            callDriver(s -> {
                s.powerDown();
                return null;
            });
            cardState = CardStateBits.PRESENT;
        } catch (IfdException e) {
            failure = e;
            recordPowerFailure(e);
        }
        protocol = null;
        changed();
        return failure;
    }

    private void recordPowerFailure(IfdException e) {
        if (e.code() == IfdResponseCode.ICC_NOT_PRESENT) {
            cardState = CardStateBits.ABSENT;
        } else if (e.code() == IfdResponseCode.NO_SUCH_DEVICE) {
            markUnavailable(e);
        } else {
            cardState = CardStateBits.PRESENT | CardStateBits.SWALLOWED;
            LOG.warn("Card in {} did not power up: {}", name, e.getMessage());
        }
    }

    /** The card went away during an exchange (transmit answered ICC_NOT_PRESENT). */
    void cardVanished() {
        atr = NO_ATR;
        protocol = null;
        cardState = CardStateBits.ABSENT;
        changed();
    }

    /** The driver said the device is gone: the reader stays listed in error until unregistered. */
    void markUnavailable(IfdException e) {
        if (!readerInError()) {
            LOG.warn("Reader {} is unavailable: {}", name, e.getMessage());
        }
        cardState = CardStateBits.UNKNOWN;
        atr = NO_ATR;
        protocol = null;
        lastSeen = Presence.UNKNOWN;
        changed();
    }

    // ---- card events --------------------------------------------------------------------------

    /**
     * One round of pcscd's event handler: ask for presence, power a new card up, flag handles of a
     * removed one. Skipped (and redone when the driver is free) while another call uses the driver,
     * so a busy reader never holds a polling thread.
     */
    void checkPresence() {
        lock();
        try {
            if (isGone()) {
                return;
            }
            if (!tryAcquireGate()) {
                checkWanted = true;
                return;
            }
            try {
                presenceRound();
            } finally {
                releaseGate();
            }
        } finally {
            unlock();
        }
    }

    private void presenceRound() {
        boolean present;
        try {
            present = callDriver(IfdSlot::isCardPresent);
        } catch (IfdException e) {
            if (!isGone()) {
                markUnavailable(e);
            }
            return;
        }
        if (isGone()) {
            return;
        }
        boolean first = lastSeen == null;
        if (present && lastSeen == Presence.PRESENT && !cardPresent()) {
            // An exchange found the card gone before any round did, and it is back: to the
            // client that is a removal and an insertion, or the entry would stay empty for good.
            cardRemoved();
        }
        if (present && lastSeen != Presence.PRESENT) {
            // lastSeen changes only after the power-up, which lets go of the lock: until then the
            // entry reads as before (initialising, or empty), never as "listed without a state".
            IfdException failure = power(false);
            if (failure == null || failure.code() != IfdResponseCode.NO_SUCH_DEVICE) {
                lastSeen = Presence.PRESENT;
            }
            if (!first) {
                bumpCounter();
            }
            if (failure == null) {
                LOG.info("Card inserted into {}", name);
            } else {
                LOG.info("Card inserted into {} (mute)", name);
            }
            changed();
        } else if (!present && lastSeen != Presence.ABSENT) {
            if (first) {
                lastSeen = Presence.ABSENT;
                cardState = CardStateBits.ABSENT;
                changed();
            } else {
                cardRemoved();
            }
        }
    }

    /** The card left: handles flagged, the transaction lock dropped (RFSetReaderEventState(SCARD_REMOVED)). */
    private void cardRemoved() {
        lastSeen = Presence.ABSENT;
        atr = NO_ATR;
        protocol = null;
        cardState = CardStateBits.ABSENT;
        for (Handle h : handles) {
            h.flagRemoved();
        }
        lockOwner = null;
        lockCount = 0;
        bumpCounter();
        LOG.info("Card removed from {}", name);
        changed();
    }

    private void bumpCounter() {
        eventCounter = eventCounter >= 0xFFFF ? 0 : eventCounter + 1;
    }

    /** Called by {@link ReaderUnit#markGone()} with the lock held. */
    void readerRemoved() {
        lockOwner = null;
        lockCount = 0;
        checkWanted = false;
    }

    // ---- snapshot -----------------------------------------------------------------------------

    ReaderStatus snapshot() {
        lock();
        try {
            int sharing = exclusive ? -1 : handles.size();
            return new ReaderStatus(index, name, reader.driverName, eventCounter, cardState, sharing,
                    atr, protocol, lastSeen == null);
        } finally {
            unlock();
        }
    }
}
