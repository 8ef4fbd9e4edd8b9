package org.jpcscd.client;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.jpcscd.api.Attribute;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.client.internal.Connection;
import org.jpcscd.client.internal.Rv;
import org.jpcscd.wire.AttributeStruct;
import org.jpcscd.wire.Command;
import org.jpcscd.wire.ControlStruct;
import org.jpcscd.wire.DisconnectStruct;
import org.jpcscd.wire.HandleStruct;
import org.jpcscd.wire.ReaderStateEntry;
import org.jpcscd.wire.ReconnectStruct;
import org.jpcscd.wire.TransmitStruct;
import org.jpcscd.wire.Wire;

/**
 * A connection to a card ({@code SCARDHANDLE}), made through a {@link Context} and travelling on its
 * socket. Like libpcsclite, TRANSMIT, STATUS, RECONNECT and BEGIN_TRANSACTION wait while another
 * client holds the card in a transaction (the daemon answers {@code SCARD_E_SHARING_VIOLATION};
 * the client asks again every 100 ms, letting other calls on the context through in between);
 * setting the environment variable {@code PCSCLITE_NO_BLOCKING} makes all but BEGIN fail at once.
 */
public final class CardHandle {
    /** {@code PCSCLITE_LOCK_POLL_RATE}. */
    private static final long LOCK_POLL_MILLIS = 100;
    private static final boolean NO_BLOCKING = System.getenv("PCSCLITE_NO_BLOCKING") != null;
    /** A request value libpcsclite 1.9.9 puts in a GET_ATTRIB request; the daemon overwrites it. */
    private static final int ATTRIB_REQUEST_RV = ScardCode.E_NO_SERVICE.value();

    private final Context context;
    private final int handle;
    private final String readerName;
    private volatile ShareMode shareMode;
    private volatile int activeProtocol;
    private volatile boolean disconnected;

    CardHandle(Context context, int handle, String readerName, ShareMode shareMode, int activeProtocol) {
        this.context = context;
        this.handle = handle;
        this.readerName = readerName;
        this.shareMode = shareMode;
        this.activeProtocol = activeProtocol;
    }

    public int handle() {
        return handle;
    }

    public String readerName() {
        return readerName;
    }

    public ShareMode shareMode() {
        return shareMode;
    }

    /** The {@code SCARD_PROTOCOL_*} mask negotiated at connect or the last reconnect (0 for none). */
    public int activeProtocol() {
        return activeProtocol;
    }

    public Context context() {
        return context;
    }

    /** Sends an APDU with the active protocol's PCI; the response may be up to 65548 bytes. */
    public byte[] transmit(byte[] apdu) throws ScardException {
        return transmit(activeProtocol, apdu, Wire.MAX_BUFFER_SIZE_EXTENDED);
    }

    /**
     * {@code SCardTransmit}.
     *
     * @param pciProtocol the send PCI's protocol ({@code SCARD_PROTOCOL_T0/T1/RAW})
     * @param maxResponse the receive buffer size; a longer response gives {@code SCARD_E_INSUFFICIENT_BUFFER}
     */
    public byte[] transmit(int pciProtocol, byte[] apdu, int maxResponse) throws ScardException {
        if (apdu.length > Wire.MAX_BUFFER_SIZE_EXTENDED) {
            throw new ScardException(ScardCode.E_INSUFFICIENT_BUFFER, "APDU of " + apdu.length + " bytes");
        }
        TransmitStruct request = new TransmitStruct(handle, pciProtocol, Wire.IO_REQUEST_SIZE, apdu.length,
                Protocol.ANY_MASK, Wire.IO_REQUEST_SIZE, maxResponse, 0);
        return retrying(() -> context.exchange(c -> {
            checkConnected();
            c.send(Command.TRANSMIT, request, apdu);
            TransmitStruct reply = TransmitStruct.read(c.receive(TransmitStruct.SIZE));
            if (reply.rv() != 0) {
                return new Result<>(reply.rv(), null);
            }
            return new Result<>(0, bytes(c.receive(reply.recvLength())));
        }), "transmit", true);
    }

    /** {@code SCardControl}: a reader command; works on DIRECT connections without a card. */
    public byte[] control(int controlCode, byte[] command, int maxResponse) throws ScardException {
        if (command.length > Wire.MAX_BUFFER_SIZE_EXTENDED) {
            throw new ScardException(ScardCode.E_INSUFFICIENT_BUFFER, "command of " + command.length + " bytes");
        }
        ControlStruct request = new ControlStruct(handle, controlCode, command.length, maxResponse, 0, 0);
        Result<byte[]> r = context.exchange(c -> {
            checkConnected();
            c.send(Command.CONTROL, request, command);
            ControlStruct reply = ControlStruct.read(c.receive(ControlStruct.SIZE));
            if (reply.rv() != 0) {
                return new Result<byte[]>(reply.rv(), null);
            }
            return new Result<>(0, bytes(c.receive(reply.bytesReturned())));
        });
        Rv.check(r.rv, "control");
        return r.value;
    }

    /** {@code SCardGetAttrib} with the largest buffer the wire allows (264 bytes). */
    public byte[] getAttrib(int attributeId) throws ScardException {
        return getAttrib(attributeId, Attribute.MAX_VALUE_LENGTH);
    }

    public byte[] getAttrib(int attributeId, int maxLength) throws ScardException {
        if (maxLength > Attribute.MAX_VALUE_LENGTH) {
            throw new ScardException(ScardCode.E_INSUFFICIENT_BUFFER, "attribute buffers hold at most 264 bytes");
        }
        AttributeStruct request = new AttributeStruct(handle, attributeId, new byte[0], maxLength, ATTRIB_REQUEST_RV);
        AttributeStruct reply = context.exchange(c -> {
            checkConnected();
            c.send(Command.GET_ATTRIB, request);
            return AttributeStruct.read(c.receive(AttributeStruct.SIZE));
        });
        Rv.check(reply.rv(), "get attribute " + Attribute.name(attributeId));
        if (reply.length() > maxLength) {
            throw new ScardException(ScardCode.E_INSUFFICIENT_BUFFER,
                    Attribute.name(attributeId) + " needs " + reply.length() + " bytes");
        }
        return reply.value();
    }

    public void setAttrib(int attributeId, byte[] value) throws ScardException {
        if (value.length == 0) {
            throw new ScardException(ScardCode.E_INVALID_PARAMETER, "empty attribute value");
        }
        if (value.length > Attribute.MAX_VALUE_LENGTH) {
            throw new ScardException(ScardCode.E_INSUFFICIENT_BUFFER, "attribute values hold at most 264 bytes");
        }
        AttributeStruct request = new AttributeStruct(handle, attributeId, value, value.length, 0);
        AttributeStruct reply = context.exchange(c -> {
            checkConnected();
            c.send(Command.SET_ATTRIB, request);
            return AttributeStruct.read(c.receive(AttributeStruct.SIZE));
        });
        Rv.check(reply.rv(), "set attribute " + Attribute.name(attributeId));
    }

    /**
     * {@code SCardStatus}: the reader's state, the negotiated protocol and the ATR.
     *
     * @throws ScardException {@code SCARD_E_READER_UNAVAILABLE} when the reader is gone,
     *         {@code SCARD_W_REMOVED_CARD}/{@code SCARD_W_RESET_CARD} when the card went away or was reset
     */
    public ConnectionStatus status() throws ScardException {
        return retrying(() -> context.exchange(c -> {
            checkConnected();
            c.send(Command.GET_READERS_STATE, null);
            ReaderStateEntry entry = ReaderStateEntry.readArray(c.receive(ReaderStateEntry.ARRAY_SIZE), Wire.MAX_READERS_CONTEXTS)
                    .stream().filter(e -> e.isUsed() && e.name().equals(readerName)).findFirst().orElse(null);
            if (entry == null) {
                return new Result<ConnectionStatus>(ScardCode.E_READER_UNAVAILABLE.value(), null);
            }
            c.send(Command.STATUS, new HandleStruct(handle, 0));
            int rv = HandleStruct.read(c.receive(HandleStruct.SIZE)).rv();
            ConnectionStatus status = new ConnectionStatus(readerName,
                    ((entry.eventCounter() & 0xFFFF) << 16) + entry.readerState(), entry.cardProtocol(), entry.atrBytes());
            return new Result<>(rv, status);
        }), "status", true);
    }

    /** {@code SCardBeginTransaction}: waits (polling every 100 ms) while another client holds the card. */
    public void beginTransaction() throws ScardException {
        retrying(() -> context.exchange(c -> {
            checkConnected();
            c.send(Command.BEGIN_TRANSACTION, new HandleStruct(handle, 0));
            return new Result<Void>(HandleStruct.read(c.receive(HandleStruct.SIZE)).rv(), null);
        }), "begin transaction", false);
    }

    public void endTransaction(Disposition disposition) throws ScardException {
        int rv = context.exchange(c -> {
            checkConnected();
            c.send(Command.END_TRANSACTION, new DisconnectStruct(handle, disposition.value(), 0));
            return DisconnectStruct.read(c.receive(DisconnectStruct.SIZE)).rv();
        });
        Rv.check(rv, "end transaction");
    }

    /**
     * {@code SCardReconnect}: changes share mode or protocol, or resets the card; also how an
     * application acknowledges {@code SCARD_W_RESET_CARD}.
     *
     * @return the active protocol afterwards
     */
    public int reconnect(ShareMode mode, int preferredProtocols, Disposition initialization) throws ScardException {
        ReconnectStruct request = new ReconnectStruct(handle, mode.value(), preferredProtocols, initialization.value(),
                activeProtocol, 0);
        int protocol = retrying(() -> context.exchange(c -> {
            checkConnected();
            c.send(Command.RECONNECT, request);
            ReconnectStruct reply = ReconnectStruct.read(c.receive(ReconnectStruct.SIZE));
            return new Result<>(reply.rv(), reply.activeProtocol());
        }), "reconnect", true);
        this.activeProtocol = protocol;
        this.shareMode = mode;
        return protocol;
    }

    /**
     * {@code SCardDisconnect}. As in libpcsclite, the handle is forgotten only when the daemon
     * answered success; after an error it may be used (or disconnected) again.
     */
    public void disconnect(Disposition disposition) throws ScardException {
        int rv = context.exchange(c -> {
            checkConnected();
            c.send(Command.DISCONNECT, new DisconnectStruct(handle, disposition.value(), 0));
            int answer = DisconnectStruct.read(c.receive(DisconnectStruct.SIZE)).rv();
            if (answer == 0) {
                disconnected = true;
            }
            return answer;
        });
        Rv.check(rv, "disconnect");
    }

    public boolean isConnected() {
        return !disconnected && context.isValid();
    }

    /**
     * A handle the daemon does not know closes the whole connection (after a 2 s penalty), so an
     * already-disconnected handle is refused here, as libpcsclite's local handle table does.
     */
    private void checkConnected() throws ScardException {
        if (disconnected) {
            throw new ScardException(ScardCode.E_INVALID_HANDLE, "card handle already disconnected");
        }
    }

    private record Result<T>(int rv, T value) {
    }

    private interface Attempt<T> {
        Result<T> run() throws ScardException;
    }

    private <T> T retrying(Attempt<T> attempt, String what, boolean honourNoBlocking) throws ScardException {
        while (true) {
            Result<T> r = attempt.run();
            if (r.rv == ScardCode.E_SHARING_VIOLATION.value() && !(honourNoBlocking && NO_BLOCKING)) {
                try {
                    Thread.sleep(LOCK_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ScardException(ScardCode.E_CANCELLED, what + " interrupted while the card was busy");
                }
                continue;
            }
            Rv.check(r.rv, what);
            return r.value;
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        return Arrays.copyOfRange(in.array(), in.position(), in.limit());
    }

    @Override
    public String toString() {
        return String.format("CardHandle[0x%08X on %s]", handle, readerName);
    }
}
