package org.jpcscd.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.jpcscd.api.Attribute;
import org.jpcscd.api.Atr;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.CardStatus;
import org.jpcscd.api.rm.ClientContext;

/**
 * A card handle. Checks run in pcscd's order (pcsc-wire-protocol.md §2.3) because the first
 * failing check decides what the client sees. Connect, reconnect and disconnect live in
 * {@link Connector}.
 */
final class Handle implements CardConnection {
    private enum Pending { NONE, RESET, REMOVED }

    private final int value;
    private final Context context;
    final ReaderSlot slot;
    private final Connector connector;
    // Guarded by the reader's lock.
    private ShareMode shareMode;
    private Protocol activeProtocol;
    private Pending pending = Pending.NONE;
    private boolean disconnected;

    Handle(int value, Context context, ReaderSlot slot, Connector connector, ShareMode shareMode, Protocol protocol) {
        this.value = value;
        this.context = context;
        this.slot = slot;
        this.connector = connector;
        this.shareMode = shareMode;
        this.activeProtocol = protocol;
    }

    @Override
    public int handle() {
        return value;
    }

    @Override
    public ClientContext context() {
        return context;
    }

    Context owner() {
        return context;
    }

    @Override
    public String readerName() {
        return slot.name;
    }

    @Override
    public ShareMode shareMode() {
        slot.lock();
        try {
            return shareMode;
        } finally {
            slot.unlock();
        }
    }

    @Override
    public Protocol activeProtocol() {
        slot.lock();
        try {
            return activeProtocol;
        } finally {
            slot.unlock();
        }
    }

    // ---- state used by Connector and ReaderSlot (reader lock held) ------------------------------

    void setShareMode(ShareMode mode) {
        shareMode = mode;
    }

    void setActiveProtocol(Protocol protocol) {
        activeProtocol = protocol;
    }

    void flagReset() {
        pending = Pending.RESET;
    }

    void flagRemoved() {
        pending = Pending.REMOVED;
    }

    void clearPending() {
        pending = Pending.NONE;
    }

    boolean hasPendingEvent() {
        return pending != Pending.NONE;
    }

    void markDisconnected() {
        disconnected = true;
    }

    boolean isDisconnected() {
        return disconnected;
    }

    /** RFReaderInfoById: a disconnected handle is unknown, one whose reader left answers INVALID_VALUE. */
    void checkKnown() throws ScardException {
        if (disconnected) {
            throw new ScardException(ScardCode.E_INVALID_HANDLE, "handle was disconnected");
        }
        if (slot.isGone()) {
            throw new ScardException(ScardCode.E_INVALID_VALUE, "reader " + slot.name + " was removed");
        }
    }

    /** RFCheckReaderEventState. */
    void checkPendingEvent() throws ScardException {
        switch (pending) {
            case RESET -> throw new ScardException(ScardCode.W_RESET_CARD);
            case REMOVED -> throw new ScardException(ScardCode.W_REMOVED_CARD);
            default -> {
            }
        }
    }

    void checkNotLockedByOther() throws ScardException {
        if (slot.lockedByOther(this)) {
            throw new ScardException(ScardCode.E_SHARING_VIOLATION, "another handle holds a transaction");
        }
    }

    void checkReaderWorking() throws ScardException {
        if (slot.readerInError()) {
            throw new ScardException(ScardCode.E_READER_UNAVAILABLE, "reader " + slot.name + " in error");
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    @Override
    public Protocol reconnect(ShareMode mode, int preferredProtocols, Disposition initialization) throws ScardException {
        return connector.reconnect(this, mode, preferredProtocols, initialization);
    }

    @Override
    public void disconnect(Disposition disposition) throws ScardException {
        connector.disconnect(this, disposition);
    }

    // ---- transactions -------------------------------------------------------------------------

    @Override
    public void beginTransaction(Duration wait) throws ScardException {
        long deadline = System.nanoTime() + waitNanos(wait);
        slot.lock();
        try {
            while (true) {
                checkKnown();
                checkReaderWorking();
                checkPendingEvent();
                if (!slot.lockedByOther(this)) {
                    slot.lockFor(this);
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ScardException(ScardCode.E_SHARING_VIOLATION, "another handle holds a transaction");
                }
                slot.awaitChange(left);
            }
        } finally {
            slot.unlock();
        }
    }

    /** The wait in nanoseconds, capped so that a very long wait cannot overflow the deadline. */
    private static long waitNanos(Duration wait) {
        if (wait == null || wait.isNegative()) {
            return 0;
        }
        Duration cap = Duration.ofDays(365);
        return (wait.compareTo(cap) > 0 ? cap : wait).toNanos();
    }

    @Override
    public void endTransaction(Disposition disposition) throws ScardException {
        slot.lock();
        try {
            checkKnown();
            checkPendingEvent();
            if (disposition != Disposition.LEAVE && slot.lockedByOther(this)) {
                throw new ScardException(ScardCode.E_SHARING_VIOLATION, "no card reset within another's transaction");
            }
            ScardException actionFailure = null;
            if (disposition == Disposition.RESET || disposition == Disposition.UNPOWER) {
                slot.acquireGate();
                try {
                    IfdException failure = disposition == Disposition.RESET ? slot.power(true) : slot.coldReset();
                    slot.flagAllReset();
                    actionFailure = Connector.powerFailure(failure);
                } finally {
                    slot.releaseGate();
                }
            }
            // The lock is released after the reset so no other handle slips in between (§13).
            try {
                slot.unlockFor(this);
            } catch (ScardException e) {
                if (actionFailure == null) {
                    throw e;
                }
            }
            if (actionFailure != null) {
                throw actionFailure;
            }
        } finally {
            slot.unlock();
        }
    }

    // ---- card access --------------------------------------------------------------------------

    private void transmitChecks(int sendProtocol) throws ScardException {
        checkKnown();
        checkNotLockedByOther();
        checkReaderWorking();
        checkPendingEvent();
        if (sendProtocol != Protocol.RAW.mask()) {
            if (!slot.cardPresent()) {
                throw new ScardException(ScardCode.E_NO_SMARTCARD);
            }
            if (sendProtocol != Protocol.LEGACY_ANY_MASK && sendProtocol != Protocol.maskOf(slot.protocol())) {
                throw new ScardException(ScardCode.E_PROTO_MISMATCH,
                        "send protocol " + sendProtocol + ", card uses " + Protocol.maskOf(slot.protocol()));
            }
        }
    }

    @Override
    public byte[] transmit(int sendProtocol, byte[] command) throws ScardException {
        slot.lock();
        try {
            transmitChecks(sendProtocol);
            slot.acquireGate();
            try {
                // Checked again: the state may have changed while another call had the driver.
                transmitChecks(sendProtocol);
                Protocol protocol = driverProtocol(sendProtocol);
                byte[] apdu = command.clone();
                try {
                    byte[] response = slot.callDriver(s -> s.transmit(protocol, apdu));
                    connector.trace().exchange(slot.name, apdu, response);
                    return response;
                } catch (IfdException e) {
                    IfdErrors.log(slot.name, "Transmit", e);
                    if (e.code() == IfdResponseCode.ICC_NOT_PRESENT) {
                        slot.cardVanished();
                    } else if (e.code() == IfdResponseCode.NO_SUCH_DEVICE) {
                        slot.markUnavailable(e);
                    }
                    throw IfdErrors.transmit(e);
                }
            } finally {
                slot.releaseGate();
            }
        } finally {
            slot.unlock();
        }
    }

    /** The protocol handed to the driver for a client's send PCI protocol. */
    private Protocol driverProtocol(int sendProtocol) {
        if (sendProtocol == Protocol.T1.mask()) {
            return Protocol.T1;
        }
        if (sendProtocol == Protocol.RAW.mask()) {
            return Protocol.RAW;
        }
        if (sendProtocol == Protocol.LEGACY_ANY_MASK && slot.protocol() != null) {
            return slot.protocol();
        }
        return Protocol.T0;
    }

    @Override
    public byte[] control(int controlCode, byte[] input) throws ScardException {
        byte[] data = input == null ? new byte[0] : input.clone();
        slot.lock();
        try {
            checkKnown();
            checkNotLockedByOther();
            checkReaderWorking();
            slot.acquireGate();
            try {
                checkKnown();
                checkNotLockedByOther();
                checkReaderWorking();
                try {
                    return slot.callDriver(s -> s.control(controlCode, data));
                } catch (IfdException e) {
                    IfdErrors.log(slot.name, "Control", e);
                    if (e.code() == IfdResponseCode.NO_SUCH_DEVICE) {
                        slot.markUnavailable(e);
                    }
                    throw IfdErrors.control(e);
                }
            } finally {
                slot.releaseGate();
            }
        } finally {
            slot.unlock();
        }
    }

    private void attributeChecks() throws ScardException {
        checkKnown();
        checkNotLockedByOther();
        checkReaderWorking();
        checkPendingEvent();
    }

    @Override
    public byte[] getAttribute(int attributeId) throws ScardException {
        slot.lock();
        try {
            attributeChecks();
            Optional<byte[]> own = coreAttribute(attributeId);
            if (own.isPresent()) {
                return own.get();
            }
            slot.acquireGate();
            try {
                attributeChecks();
                Optional<byte[]> fromDriver;
                try {
                    fromDriver = slot.callDriver(s -> s.getAttribute(attributeId));
                } catch (IfdException e) {
                    IfdErrors.log(slot.name, "GetAttrib " + Attribute.name(attributeId), e);
                    throw IfdErrors.getAttribute(e);
                }
                if (fromDriver != null && fromDriver.isPresent()) {
                    return fromDriver.get().clone();
                }
                if (attributeId == Attribute.ICC_PRESENCE) {
                    // Same encoding as libccid: 0 no card, 2 card present.
                    return new byte[] {(byte) (slot.cardPresent() ? 2 : 0)};
                }
                throw new ScardException(ScardCode.E_UNSUPPORTED_FEATURE, Attribute.name(attributeId));
            } finally {
                slot.releaseGate();
            }
        } finally {
            slot.unlock();
        }
    }

    /** Attributes the core knows better than any driver. */
    private Optional<byte[]> coreAttribute(int attributeId) {
        return switch (attributeId) {
            case Attribute.ATR_STRING -> Optional.of(slot.atr().clone());
            case Attribute.CURRENT_PROTOCOL_TYPE -> Optional.of(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN).putInt(Protocol.maskOf(slot.protocol())).array());
            case Attribute.DEVICE_FRIENDLY_NAME_A, Attribute.DEVICE_SYSTEM_NAME_A -> {
                byte[] name = slot.name.getBytes(StandardCharsets.UTF_8);
                byte[] withNul = new byte[name.length + 1];
                System.arraycopy(name, 0, withNul, 0, name.length);
                yield Optional.of(withNul);
            }
            default -> Optional.empty();
        };
    }

    @Override
    public void setAttribute(int attributeId, byte[] value) throws ScardException {
        byte[] data = value == null ? new byte[0] : value.clone();
        slot.lock();
        try {
            attributeChecks();
            slot.acquireGate();
            try {
                attributeChecks();
                try {
                    slot.callDriver(s -> {
                        s.setAttribute(attributeId, data);
                        return null;
                    });
                } catch (IfdException e) {
                    IfdErrors.log(slot.name, "SetAttrib " + Attribute.name(attributeId), e);
                    throw IfdErrors.setAttribute(e);
                }
            } finally {
                slot.releaseGate();
            }
        } finally {
            slot.unlock();
        }
    }

    @Override
    public CardStatus status() throws ScardException {
        slot.lock();
        try {
            checkKnown();
            checkNotLockedByOther();
            if (slot.atr().length > Atr.MAX_LENGTH) {
                throw new ScardException(ScardCode.F_INTERNAL_ERROR, "stored ATR too long");
            }
            checkPendingEvent();
            checkReaderWorking();
            return new CardStatus(slot.name, slot.cardState(), slot.protocol(), slot.atr());
        } finally {
            slot.unlock();
        }
    }

    @Override
    public boolean holdsTransaction() {
        slot.lock();
        try {
            return slot.transactionHeldBy(this);
        } finally {
            slot.unlock();
        }
    }

    @Override
    public String toString() {
        return String.format("handle %08X on %s", value, slot.name);
    }
}
