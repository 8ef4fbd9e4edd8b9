package org.jpcscd.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.Scope;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.wire.ConnectStruct;
import org.jpcscd.wire.EstablishStruct;
import org.jpcscd.wire.HandleStruct;
import org.jpcscd.wire.ReleaseStruct;
import org.jpcscd.wire.VersionStruct;
import org.jpcscd.wire.Wire;
import org.jpcscd.wire.WireStruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context-level commands: CMD_VERSION, ESTABLISH, RELEASE, CONNECT and CANCEL. */
final class ContextCommands {
    private static final Logger LOG = LoggerFactory.getLogger(ContextCommands.class);

    private final ClientSession session;

    ContextCommands(ClientSession session) {
        this.session = session;
    }

    /**
     * Accepts 4.4 (Debian 12), 4.5 and 4.6 and answers with the client's own minor, so each client
     * speaks its own dialect; anything else gets pcscd 1.9.9's refusal {4, 4, SERVICE_STOPPED}, which
     * a 2.4.1+ client answers by retrying at 4.4.
     */
    void version(WireStruct body) throws IOException {
        VersionStruct request = (VersionStruct) body;
        int minor = request.minor();
        if (request.major() == Wire.PROTOCOL_MAJOR
                && minor >= Wire.PROTOCOL_MINOR_1_9 && minor <= Wire.PROTOCOL_MINOR_2_5) {
            session.setMinor(minor);
            session.send(new VersionStruct(Wire.PROTOCOL_MAJOR, minor, ScardCode.S_SUCCESS.value()).toBytes());
        } else {
            LOG.info("Client {} speaks protocol {}.{}, which this daemon does not serve", session.peer(),
                    request.major(), minor);
            session.send(new VersionStruct(Wire.PROTOCOL_MAJOR, Wire.PROTOCOL_MINOR_1_9,
                    ScardCode.E_SERVICE_STOPPED.value()).toBytes());
        }
    }

    void establish(WireStruct body) throws IOException {
        EstablishStruct request = (EstablishStruct) body;
        var made = ScardCall.call(session.peer(), "SCardEstablishContext",
                () -> session.services().rm().establishContext(session.peer(), Scope.fromValue(request.scope())));
        int id = 0;
        if (made.value() != null) {
            session.addContext(made.value());
            id = made.value().id();
        }
        session.send(new EstablishStruct(request.scope(), id, made.rv()).toBytes());
    }

    void release(WireStruct body) throws IOException {
        ReleaseStruct request = (ReleaseStruct) body;
        ClientContext current = session.current();
        int rv;
        if (current == null) {
            rv = ScardCode.E_INVALID_HANDLE.value();
        } else if (current.id() != request.context()) {
            rv = ScardCode.E_INVALID_VALUE.value();
        } else {
            session.releaseContexts();
            rv = ScardCode.S_SUCCESS.value();
        }
        session.send(new ReleaseStruct(request.context(), rv).toBytes());
    }

    /**
     * pcscd connects first and checks the context afterwards: a request naming another context still
     * reaches the reader (its errors win), and the reply carries the handle it then disconnected.
     * Deviation: without any context on the connection we cannot connect at all and answer
     * INVALID_HANDLE with handle 0 (pcscd would also have tried the reader).
     */
    void connect(WireStruct body) throws IOException {
        ConnectStruct request = (ConnectStruct) body;
        ClientContext current = session.current();
        if (current == null) {
            session.send(request.answer(0, request.activeProtocol(), ScardCode.E_INVALID_HANDLE.value()).toBytes());
            return;
        }
        String readerName = pcscdReaderName(request.readerName());
        var made = ScardCall.call(session.peer(), "SCardConnect", () -> current.connect(
                readerName, shareModeChecked(request.shareMode(), request.preferredProtocols()),
                request.preferredProtocols()));
        CardConnection connection = made.value();
        if (connection == null) {
            session.send(request.answer(0, request.activeProtocol(), made.rv()).toBytes());
            return;
        }
        int rv = made.rv();
        int protocol = Protocol.maskOf(connection.activeProtocol());
        if (current.id() != request.context()) {
            ScardCall.rv(session.peer(), "SCardDisconnect", () -> connection.disconnect(Disposition.LEAVE));
            rv = ScardCode.E_INVALID_VALUE.value();
        }
        session.send(request.answer(connection.handle(), protocol, rv).toBytes());
    }

    /**
     * pcscd's first two checks, in its order: a protocol mask without T0/T1/RAW/legacy-any (unless
     * DIRECT) is PROTO_MISMATCH before a bad share mode is INVALID_VALUE.
     */
    private static ShareMode shareModeChecked(int shareMode, int preferredProtocols) throws ScardException {
        int known = Protocol.ANY_MASK | Protocol.RAW.mask()
                | Protocol.LEGACY_ANY_MASK;
        if (shareMode != ShareMode.DIRECT.value() && (preferredProtocols & known) == 0) {
            throw new ScardException(ScardCode.E_PROTO_MISMATCH);
        }
        return ShareMode.fromValue(shareMode);
    }

    /** pcscd forces the last byte of the 128-byte name field to NUL. */
    private static String pcscdReaderName(String name) {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        if (raw.length < Wire.MAX_READER_NAME) {
            return name;
        }
        return new String(Arrays.copyOf(raw, Wire.MAX_READER_NAME - 1), StandardCharsets.UTF_8);
    }

    /**
     * SCARD_CANCEL, usually on its own handshake-less connection: wakes the connection waiting with
     * this context. pcscd 1.9.9 answers INVALID_HANDLE when that context is not waiting.
     */
    void cancel(WireStruct body) throws IOException {
        HandleStruct request = (HandleStruct) body;
        ClientSession target = session.services().registry().byContext(request.handle());
        boolean cancelled = target != null && target.events().cancel();
        int rv = cancelled ? ScardCode.S_SUCCESS.value() : ScardCode.E_INVALID_HANDLE.value();
        session.send(new HandleStruct(request.handle(), rv).toBytes());
    }
}
