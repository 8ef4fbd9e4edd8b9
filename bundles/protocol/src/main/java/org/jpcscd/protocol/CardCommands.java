package org.jpcscd.protocol;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.wire.AttributeStruct;
import org.jpcscd.wire.ControlStruct;
import org.jpcscd.wire.DisconnectStruct;
import org.jpcscd.wire.HandleStruct;
import org.jpcscd.wire.ReconnectStruct;
import org.jpcscd.wire.TransmitStruct;
import org.jpcscd.wire.Wire;
import org.jpcscd.wire.WireStruct;

/**
 * The card-handle commands. Each first checks that this connection owns the handle (see
 * {@link ClientSession#ownHandle}); a TRANSMIT or CONTROL payload is read only after that check, as
 * pcscd does.
 */
final class CardCommands {
    /** pcscd's daemon-side wait in BEGIN before it answers SHARING_VIOLATION and the client retries. */
    static final Duration BEGIN_WAIT = Duration.ofMillis(100);

    private final ClientSession session;

    CardCommands(ClientSession session) {
        this.session = session;
    }

    void reconnect(WireStruct body) throws IOException {
        ReconnectStruct request = (ReconnectStruct) body;
        CardConnection card = session.ownHandle(request.handle());
        Protocol[] active = new Protocol[1];
        int rv = ScardCall.rv(session.peer(), "SCardReconnect", () -> {
            Disposition init = Disposition.fromValue(request.initialization());
            if (init == Disposition.EJECT) {
                throw new ScardException(ScardCode.E_INVALID_VALUE, "eject on reconnect");
            }
            ShareMode mode = ShareMode.fromValue(request.shareMode());
            active[0] = card.reconnect(mode, request.preferredProtocols(), init);
        });
        session.send(request.answer(Protocol.maskOf(active[0]), rv).toBytes());
    }

    void disconnect(WireStruct body) throws IOException {
        DisconnectStruct request = (DisconnectStruct) body;
        CardConnection card = session.ownHandle(request.handle());
        int rv = ScardCall.rv(session.peer(), "SCardDisconnect",
                () -> card.disconnect(Disposition.fromValue(request.disposition())));
        session.send(new DisconnectStruct(request.handle(), request.disposition(), rv).toBytes());
    }

    void begin(WireStruct body) throws IOException {
        HandleStruct request = (HandleStruct) body;
        CardConnection card = session.ownHandle(request.handle());
        int rv = ScardCall.rv(session.peer(), "SCardBeginTransaction", () -> card.beginTransaction(BEGIN_WAIT));
        session.send(new HandleStruct(request.handle(), rv).toBytes());
    }

    void end(WireStruct body) throws IOException {
        DisconnectStruct request = (DisconnectStruct) body;
        CardConnection card = session.ownHandle(request.handle());
        int rv = ScardCall.rv(session.peer(), "SCardEndTransaction",
                () -> card.endTransaction(Disposition.fromValue(request.disposition())));
        session.send(new DisconnectStruct(request.handle(), request.disposition(), rv).toBytes());
    }

    /**
     * The APDU runs even when the client's buffer is too small; the client then learns the length it
     * needs (INSUFFICIENT_BUFFER) but not the response, as with pcscd.
     */
    void transmit(WireStruct body) throws IOException {
        TransmitStruct request = (TransmitStruct) body;
        CardConnection card = session.ownHandle(request.handle());
        byte[] command = session.reader().payload(request.sendLength());
        byte[][] response = new byte[1][];
        int rv = ScardCall.rv(session.peer(), "SCardTransmit",
                () -> response[0] = card.transmit(request.sendPciProtocol(), command));
        int length = 0;
        if (response[0] != null) {
            length = response[0].length;
            if (Integer.compareUnsigned(length, request.recvLength()) > 0) {
                rv = ScardCode.E_INSUFFICIENT_BUFFER.value();
            }
        }
        int recvProtocol = rv == ScardCode.S_SUCCESS.value()
                ? Protocol.maskOf(card.activeProtocol()) : request.recvPciProtocol();
        byte[] reply = request.answer(recvProtocol, length, rv).toBytes();
        session.send(rv == ScardCode.S_SUCCESS.value() ? concat(reply, response[0]) : reply);
    }

    void control(WireStruct body) throws IOException {
        ControlStruct request = (ControlStruct) body;
        CardConnection card = session.ownHandle(request.handle());
        byte[] input = session.reader().payload(request.sendLength());
        byte[][] output = new byte[1][];
        int rv = ScardCall.rv(session.peer(), "SCardControl",
                () -> output[0] = card.control(request.controlCode(), input));
        int length = 0;
        if (output[0] != null) {
            length = output[0].length;
            if (Integer.compareUnsigned(length, request.recvLength()) > 0) {
                rv = ScardCode.E_INSUFFICIENT_BUFFER.value();
            }
        }
        byte[] reply = request.answer(length, rv).toBytes();
        session.send(rv == ScardCode.S_SUCCESS.value() ? concat(reply, output[0]) : reply);
    }

    void status(WireStruct body) throws IOException {
        HandleStruct request = (HandleStruct) body;
        CardConnection card = session.ownHandle(request.handle());
        int rv = ScardCall.rv(session.peer(), "SCardStatus", card::status);
        session.send(new HandleStruct(request.handle(), rv).toBytes());
    }

    /** The value travels inside the 264-byte field; a longer value gets INSUFFICIENT_BUFFER and its length. */
    void getAttribute(WireStruct body) throws IOException {
        AttributeStruct request = (AttributeStruct) body;
        CardConnection card = session.ownHandle(request.handle());
        checkAttributeLength(request);
        byte[][] value = new byte[1][];
        int rv = ScardCall.rv(session.peer(), "SCardGetAttrib",
                () -> value[0] = card.getAttribute(request.attributeId()));
        if (value[0] == null) {
            session.send(request.answer(request.buffer(), request.length(), rv).toBytes());
        } else if (value[0].length > request.length()) {
            session.send(request.answer(new byte[0], value[0].length, ScardCode.E_INSUFFICIENT_BUFFER.value()).toBytes());
        } else {
            session.send(request.answer(value[0], value[0].length, rv).toBytes());
        }
    }

    void setAttribute(WireStruct body) throws IOException {
        AttributeStruct request = (AttributeStruct) body;
        CardConnection card = session.ownHandle(request.handle());
        checkAttributeLength(request);
        int rv = ScardCall.rv(session.peer(), "SCardSetAttrib",
                () -> card.setAttribute(request.attributeId(), request.value()));
        session.send(request.answer(request.buffer(), request.length(), rv).toBytes());
    }

    /** pcscd drops a connection whose attribute length exceeds the 264-byte field ("buffer overflow"). */
    private static void checkAttributeLength(AttributeStruct request) throws ConnectionClosing {
        if (Integer.compareUnsigned(request.length(), Wire.MAX_BUFFER_SIZE) > 0) {
            throw new ConnectionClosing("attribute length " + Integer.toUnsignedString(request.length())
                    + " exceeds " + Wire.MAX_BUFFER_SIZE);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
