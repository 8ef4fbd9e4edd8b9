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
        var active = ScardCall.call(session.peer(), "SCardReconnect", () -> {
            Disposition init = Disposition.fromValue(request.initialization());
            if (init == Disposition.EJECT) {
                throw new ScardException(ScardCode.E_INVALID_VALUE, "eject on reconnect");
            }
            return card.reconnect(ShareMode.fromValue(request.shareMode()), request.preferredProtocols(), init);
        });
        session.send(request.answer(Protocol.maskOf(active.value()), active.rv()).toBytes());
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
        var response = ScardCall.call(session.peer(), "SCardTransmit",
                () -> card.transmit(request.sendPciProtocol(), command));
        int length = response.value() == null ? 0 : response.value().length;
        int rv = fitsOrInsufficient(response.rv(), length, request.recvLength());
        boolean ok = rv == ScardCode.S_SUCCESS.value();
        int recvProtocol = ok ? Protocol.maskOf(card.activeProtocol()) : request.recvPciProtocol();
        byte[] reply = request.answer(recvProtocol, length, rv).toBytes();
        session.send(ok ? concat(reply, response.value()) : reply);
    }

    void control(WireStruct body) throws IOException {
        ControlStruct request = (ControlStruct) body;
        CardConnection card = session.ownHandle(request.handle());
        byte[] input = session.reader().payload(request.sendLength());
        var output = ScardCall.call(session.peer(), "SCardControl", () -> card.control(request.controlCode(), input));
        int length = output.value() == null ? 0 : output.value().length;
        int rv = fitsOrInsufficient(output.rv(), length, request.recvLength());
        byte[] reply = request.answer(length, rv).toBytes();
        session.send(rv == ScardCode.S_SUCCESS.value() ? concat(reply, output.value()) : reply);
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
        var value = ScardCall.call(session.peer(), "SCardGetAttrib", () -> card.getAttribute(request.attributeId()));
        byte[] bytes = value.value();
        if (bytes == null) {
            session.send(request.answer(request.buffer(), request.length(), value.rv()).toBytes());
        } else if (bytes.length > request.length()) {
            session.send(request.answer(new byte[0], bytes.length, ScardCode.E_INSUFFICIENT_BUFFER.value()).toBytes());
        } else {
            session.send(request.answer(bytes, bytes.length, value.rv()).toBytes());
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

    /**
     * The command ran; if its answer is longer than the client's buffer the client gets
     * INSUFFICIENT_BUFFER and the length it needs, but not the data.
     */
    private static int fitsOrInsufficient(int rv, int length, int clientBuffer) {
        if (rv == ScardCode.S_SUCCESS.value() && Integer.compareUnsigned(length, clientBuffer) > 0) {
            return ScardCode.E_INSUFFICIENT_BUFFER.value();
        }
        return rv;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
