package org.jpcscd.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SCardConnect, SCardReconnect and SCardDisconnect with pcscd's check order (winscard.c), and the
 * disposal of a departing client's handles (§6.5).
 */
final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
    private static final int CONNECT_PROTOCOL_BITS =
            Protocol.T0.mask() | Protocol.T1.mask() | Protocol.RAW.mask() | Protocol.LEGACY_ANY_MASK;

    private final ReaderTable table;
    private final Supplier<Limits> limits;
    private final RandomIds ids = new RandomIds();
    private final Map<Integer, Handle> live = new ConcurrentHashMap<>();

    private final ApduTrace trace;

    Connector(ReaderTable table, Supplier<Limits> limits) {
        this(table, limits, new ApduTrace(line -> { }));
    }

    Connector(ReaderTable table, Supplier<Limits> limits, ApduTrace trace) {
        this.table = table;
        this.limits = limits;
        this.trace = trace;
    }

    ApduTrace trace() {
        return trace;
    }

    int liveHandles() {
        return live.size();
    }

    static void checkProtocolMask(ShareMode mode, int preferredProtocols) throws ScardException {
        if (mode != ShareMode.DIRECT && (preferredProtocols & CONNECT_PROTOCOL_BITS) == 0) {
            throw new ScardException(ScardCode.E_PROTO_MISMATCH, "no usable protocol requested");
        }
    }

    /** What a failed power action answers the client (IFDPowerICC's mapping), or null for success. */
    static ScardException powerFailure(IfdException failure) {
        if (failure == null) {
            return null;
        }
        ScardCode code = switch (failure.code()) {
            case ICC_NOT_PRESENT -> ScardCode.W_REMOVED_CARD;
            case NO_SUCH_DEVICE -> ScardCode.E_READER_UNAVAILABLE;
            default -> ScardCode.E_NOT_TRANSACTED;
        };
        return new ScardException(code, failure.getMessage(), failure);
    }

    // ---- connect ------------------------------------------------------------------------------

    Handle connect(Context context, String readerName, ShareMode mode, int preferredProtocols) throws ScardException {
        checkProtocolMask(mode, preferredProtocols);
        if (mode == null) {
            throw new ScardException(ScardCode.E_INVALID_VALUE, "share mode");
        }
        ReaderSlot slot = table.byName(readerName);
        if (slot == null) {
            throw new ScardException(ScardCode.E_UNKNOWN_READER, readerName);
        }
        Handle handle;
        slot.lock();
        try {
            handle = connectLocked(context, slot, mode, preferredProtocols);
        } finally {
            slot.releaseGate();
            slot.unlock();
        }
        // Step 11: the connection layer's checks come after the handle exists, as in pcscd.
        ScardException refusal = null;
        if (!context.isValid()) {
            refusal = new ScardException(ScardCode.E_INVALID_HANDLE, "context was released");
        } else if (!context.adopt(handle, limits.get().handlesPerContext())) {
            refusal = context.isValid()
                    ? new ScardException(ScardCode.E_NO_MEMORY, "too many handles in this context")
                    : new ScardException(ScardCode.E_INVALID_HANDLE, "context was released");
        }
        if (refusal != null) {
            disconnect(handle, Disposition.LEAVE);
            throw refusal;
        }
        return handle;
    }

    /**
     * Steps 3 to 10 with the reader's lock held. The driver gate is taken only when the card must be
     * powered or a protocol negotiated, so connecting to a reader whose driver is busy waits only
     * when it has to. Every driver call lets go of the lock, so the checks are made again after it.
     */
    private Handle connectLocked(Context context, ReaderSlot slot, ShareMode mode, int preferred)
            throws ScardException {
        while (true) {
            if (slot.isGone()) {
                throw new ScardException(ScardCode.E_UNKNOWN_READER, slot.name + " was removed");
            }
            if (slot.readerInError()) {
                throw new ScardException(ScardCode.E_READER_UNAVAILABLE, slot.name);
            }
            if (slot.isExclusive()) {
                throw new ScardException(ScardCode.E_SHARING_VIOLATION, slot.name + " is held exclusively");
            }
            if (slot.lockOwner() != null) {
                // pcscd waits in the daemon while any transaction is open on the reader (§2.3 step 6).
                slot.releaseGate();
                while (slot.lockOwner() != null && !slot.isGone()) {
                    slot.awaitChange();
                }
                continue;
            }
            if (!needsDriver(slot, mode, preferred)) {
                break;
            }
            if (!slot.holdsGate()) {
                try {
                    slot.acquireGate();
                } catch (ScardException e) {
                    throw new ScardException(ScardCode.E_UNKNOWN_READER, slot.name + " was removed");
                }
                continue;
            }
            prepareCard(slot, mode, preferred);
        }
        if (mode != ShareMode.DIRECT) {
            if (!slot.cardPresent()) {
                throw new ScardException(ScardCode.E_NO_SMARTCARD);
            }
            if (!slot.cardPowered()) {
                throw new ScardException(ScardCode.W_UNPOWERED_CARD);
            }
        }
        selectProtocol(slot, mode, preferred);
        Protocol active = slot.protocol();
        if (mode == ShareMode.EXCLUSIVE && !slot.handles().isEmpty()) {
            throw new ScardException(ScardCode.E_SHARING_VIOLATION, slot.name + " is in use");
        }
        if (slot.handles().size() >= limits.get().handlesPerReader()) {
            LOG.warn("Too many handles on {} (limit {})", slot.name, limits.get().handlesPerReader());
            throw new ScardException(ScardCode.F_INTERNAL_ERROR, "too many handles on " + slot.name);
        }
        Handle handle = newHandle(context, slot, mode, active);
        slot.addHandle(handle, mode == ShareMode.EXCLUSIVE);
        return handle;
    }

    /** Steps 7 and 8 where they need the driver (gate held): power the card up, negotiate. */
    private static void prepareCard(ReaderSlot slot, ShareMode mode, int preferred) throws ScardException {
        if (!slot.cardPowered()) {
            slot.power(false);
            if (!slot.cardPowered()) {
                throw new ScardException(ScardCode.W_UNPOWERED_CARD);
            }
            return;
        }
        selectProtocol(slot, mode, preferred);
    }

    /** Whether connecting will power the card up or negotiate a protocol. */
    private static boolean needsDriver(ReaderSlot slot, ShareMode mode, int preferred) {
        if (mode == ShareMode.DIRECT) {
            return false;
        }
        if (!slot.cardPresent()) {
            return false;
        }
        return !slot.cardPowered() || ((preferred & Protocol.RAW.mask()) == 0 && slot.protocol() == null);
    }

    private Handle newHandle(Context context, ReaderSlot slot, ShareMode mode, Protocol active) {
        while (true) {
            int value = ids.next(live::containsKey);
            Handle handle = new Handle(value, context, slot, this, mode, active);
            if (live.putIfAbsent(value, handle) == null) {
                return handle;
            }
        }
    }

    /** Step 8 of connect and reconnect: RAW wins, DIRECT keeps what is there, else negotiate once. */
    private static void selectProtocol(ReaderSlot slot, ShareMode mode, int preferred) throws ScardException {
        if ((preferred & Protocol.RAW.mask()) != 0) {
            slot.setProtocol(Protocol.RAW);
            return;
        }
        if (mode == ShareMode.DIRECT) {
            return;
        }
        if (slot.protocol() == null) {
            int wanted = (preferred & Protocol.LEGACY_ANY_MASK) != 0 ? Protocol.ANY_MASK : preferred;
            byte[] atr = slot.atr();
            Protocol chosen = ProtocolNegotiation.negotiate(atr, wanted, pps -> {
                try {
                    slot.callDriver(s -> {
                        s.setProtocol(pps);
                        return null;
                    });
                } catch (IfdException e) {
                    IfdErrors.log(slot.name, "PPS to " + pps.protocol(), e);
                    throw e;
                }
            });
            slot.setProtocol(chosen);
        } else if ((preferred & slot.protocol().mask()) == 0) {
            throw new ScardException(ScardCode.E_PROTO_MISMATCH, "card already uses " + slot.protocol());
        }
    }

    // ---- reconnect ----------------------------------------------------------------------------

    Protocol reconnect(Handle handle, ShareMode mode, int preferred, Disposition init) throws ScardException {
        if (init == null || init == Disposition.EJECT) {
            throw new ScardException(ScardCode.E_INVALID_VALUE, "initialization " + init);
        }
        if (mode == null) {
            throw new ScardException(ScardCode.E_INVALID_VALUE, "share mode");
        }
        checkProtocolMask(mode, preferred);
        ReaderSlot slot = handle.slot;
        slot.lock();
        try {
            handle.checkKnown();
            slot.acquireGate();
            try {
                handle.checkKnown();
                handle.checkReaderWorking();
                handle.checkNotLockedByOther();
                reinitialise(slot, mode, init);
                selectProtocol(slot, mode, preferred);
                changeShareMode(handle, slot, mode);
                handle.clearPending();
                handle.setActiveProtocol(slot.protocol());
                return slot.protocol();
            } finally {
                slot.releaseGate();
            }
        } finally {
            slot.unlock();
        }
    }

    private static void reinitialise(ReaderSlot slot, ShareMode mode, Disposition init) throws ScardException {
        if (init == Disposition.RESET || init == Disposition.UNPOWER) {
            slot.flagAllReset();
            IfdException failure = init == Disposition.RESET ? slot.power(true) : slot.coldReset();
            if (failure != null) {
                if (failure.code() == IfdResponseCode.ICC_NOT_PRESENT) {
                    throw new ScardException(ScardCode.E_NO_SMARTCARD, "card removed during reset");
                }
                throw new ScardException(ScardCode.W_UNRESPONSIVE_CARD, failure.getMessage(), failure);
            }
            return;
        }
        if (!slot.cardPresent()) {
            throw new ScardException(ScardCode.E_NO_SMARTCARD);
        }
        if ((slot.cardState() & org.jpcscd.api.CardStateBits.SWALLOWED) != 0) {
            throw new ScardException(ScardCode.W_UNRESPONSIVE_CARD);
        }
        // pcscd 1.9.9 "succeeds" on a card left unpowered by another handle and then refuses every
        // later connect (§13); powering it up here is the behaviour a client can work with.
        if (mode != ShareMode.DIRECT && !slot.cardPowered() && slot.power(false) != null) {
            throw new ScardException(ScardCode.W_UNRESPONSIVE_CARD, "card did not power up");
        }
    }

    private static void changeShareMode(Handle handle, ReaderSlot slot, ShareMode mode) throws ScardException {
        if (mode == ShareMode.EXCLUSIVE) {
            if (!slot.isExclusive()) {
                if (slot.handles().size() != 1) {
                    throw new ScardException(ScardCode.E_SHARING_VIOLATION, "other handles use " + slot.name);
                }
                slot.makeExclusive(handle);
            }
        } else if (slot.isExclusive()) {
            slot.dropExclusive(handle);
        }
        handle.setShareMode(mode);
    }

    // ---- disconnect ---------------------------------------------------------------------------

    void disconnect(Handle handle, Disposition disposition) throws ScardException {
        if (disposition == null) {
            throw new ScardException(ScardCode.E_INVALID_VALUE, "disposition");
        }
        disconnect(handle, disposition, false);
    }

    private void disconnect(Handle handle, Disposition requested, boolean departing) throws ScardException {
        ReaderSlot slot = handle.slot;
        slot.lock();
        try {
            if (handle.isDisconnected()) {
                throw new ScardException(ScardCode.E_INVALID_HANDLE, "handle was disconnected");
            }
            if (!slot.isGone()) {
                Disposition disposition = requested;
                if (departing && slot.lockOwner() == handle && !handle.hasPendingEvent()) {
                    disposition = Disposition.RESET;
                }
                disposeOnReader(handle, slot, disposition);
            }
            handle.markDisconnected();
        } finally {
            slot.unlock();
        }
        live.remove(handle.handle(), handle);
        handle.owner().forget(handle);
    }

    private void disposeOnReader(Handle handle, ReaderSlot slot, Disposition disposition) throws ScardException {
        if (disposition == Disposition.RESET || disposition == Disposition.UNPOWER) {
            if (!takeDriverOutsideOthersTransaction(handle, slot)) {
                // The reader left while we waited: nothing left to dispose of.
                return;
            }
            try {
                slot.flagAllReset();
                IfdException failure = disposition == Disposition.RESET ? slot.power(true) : slot.powerDown();
                if (failure != null) {
                    LOG.warn("{} of the card in {} failed: {}", disposition, slot.name, failure.getMessage());
                }
            } finally {
                slot.releaseGate();
            }
        } else if (disposition == Disposition.EJECT) {
            // pcscd waits for another handle's transaction like for a reset, then sends a CT-BCS
            // command through the IFD 2.0 control entry, which IFD 3.0 drivers (all of ours) do not
            // have: the card stays where it is.
            while (slot.lockedByOther(handle) && !slot.isGone()) {
                slot.awaitChange();
            }
        }
        slot.removeHandle(handle);
    }

    /**
     * A card action on disconnect waits for another handle's transaction to end (pcscd polls in the
     * daemon), then takes the driver; if a transaction began while it waited for the driver, it
     * waits again. False when the reader went away meanwhile.
     */
    private static boolean takeDriverOutsideOthersTransaction(Handle handle, ReaderSlot slot) throws ScardException {
        while (true) {
            while (slot.lockedByOther(handle) && !slot.isGone()) {
                slot.awaitChange();
            }
            if (slot.isGone()) {
                return false;
            }
            try {
                slot.acquireGate();
            } catch (ScardException e) {
                return false;
            }
            if (!slot.lockedByOther(handle)) {
                return true;
            }
            slot.releaseGate();
        }
    }

    /**
     * §6.5: a departing client's handle. Holding the transaction (or the exclusive hold) means the
     * card is reset for the next user, unless it was already reset or removed.
     */
    void dispose(Handle handle) {
        try {
            disconnect(handle, Disposition.LEAVE, true);
        } catch (ScardException e) {
            LOG.debug("Disposal of {} ended with {}", handle, e.getMessage());
        }
    }
}
