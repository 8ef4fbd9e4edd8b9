package org.jpcscd.itests;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jpcscd.wire.AttributeStruct;
import org.jpcscd.wire.Command;
import org.jpcscd.wire.ConnectStruct;
import org.jpcscd.wire.ControlStruct;
import org.jpcscd.wire.DisconnectStruct;
import org.jpcscd.wire.EstablishStruct;
import org.jpcscd.wire.HandleStruct;
import org.jpcscd.wire.ReaderStateEntry;
import org.jpcscd.wire.ReconnectStruct;
import org.jpcscd.wire.ReleaseStruct;
import org.jpcscd.wire.RequestWriter;
import org.jpcscd.wire.SignalStruct;
import org.jpcscd.wire.TransmitStruct;
import org.jpcscd.wire.VersionStruct;
import org.jpcscd.wire.Wire;
import org.jpcscd.wire.WireStruct;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A connection that speaks the wire protocol byte by byte, as libpcsclite 1.9.9 sends it: what the
 * daemon answers is read raw, so the tests see exactly the bytes a C client would.
 */
final class RawClient implements AutoCloseable {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final int SCOPE_SYSTEM = 2;
    static final int SHARE_EXCLUSIVE = 1;
    static final int SHARE_SHARED = 2;
    static final int SHARE_DIRECT = 3;
    static final int T0_T1 = 3;
    static final int T1 = 2;

    private final AFUNIXSocket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(Path path) throws IOException {
        socket = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(path));
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A connection that did the version handshake and has a context, as after SCardEstablishContext. */
    static RawClient established(Path path) throws IOException {
        RawClient client = new RawClient(path);
        client.version(4, 4);
        client.establish(SCOPE_SYSTEM);
        return client;
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(Command command, WireStruct body) throws IOException {
        sendRaw(RequestWriter.request(command, body));
    }

    void send(Command command, WireStruct body, byte[] payload) throws IOException {
        sendRaw(RequestWriter.request(command, body, payload));
    }

    byte[] read(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("daemon closed after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    ByteBuffer readBuffer(int length) throws IOException {
        return ByteBuffer.wrap(read(length)).order(Wire.ORDER);
    }

    /** True when the daemon closes the connection (EOF or reset) without sending anything within the timeout. */
    boolean closedWithoutReply(Duration within) throws IOException {
        try {
            socket.setSoTimeout((int) within.toMillis());
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset: the daemon closed with our request bytes unread
        }
    }

    /** True when nothing arrives within {@code within} and the connection is still open. */
    boolean silentFor(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        }
    }

    VersionStruct version(int major, int minor) throws IOException {
        send(Command.VERSION, new VersionStruct(major, minor, 0));
        return VersionStruct.read(readBuffer(VersionStruct.SIZE));
    }

    EstablishStruct establish(int scope) throws IOException {
        send(Command.ESTABLISH_CONTEXT, new EstablishStruct(scope, 0, 0));
        EstablishStruct reply = EstablishStruct.read(readBuffer(12));
        context = reply.context();
        return reply;
    }

    private int context;

    int context() {
        return context;
    }

    ReleaseStruct release(int hContext) throws IOException {
        send(Command.RELEASE_CONTEXT, new ReleaseStruct(hContext, 0));
        return ReleaseStruct.read(readBuffer(8));
    }

    ConnectStruct connect(String reader, int shareMode, int protocols) throws IOException {
        return connect(context, reader, shareMode, protocols);
    }

    ConnectStruct connect(int hContext, String reader, int shareMode, int protocols) throws IOException {
        send(Command.CONNECT, new ConnectStruct(hContext, reader, shareMode, protocols, 0, 0, 0));
        return ConnectStruct.read(readBuffer(ConnectStruct.SIZE));
    }

    ReconnectStruct reconnect(int hCard, int shareMode, int protocols, int initialization) throws IOException {
        send(Command.RECONNECT, new ReconnectStruct(hCard, shareMode, protocols, initialization, 0, 0));
        return ReconnectStruct.read(readBuffer(ReconnectStruct.SIZE));
    }

    DisconnectStruct disconnect(int hCard, int disposition) throws IOException {
        send(Command.DISCONNECT, new DisconnectStruct(hCard, disposition, 0));
        return DisconnectStruct.read(readBuffer(DisconnectStruct.SIZE));
    }

    HandleStruct begin(int hCard) throws IOException {
        send(Command.BEGIN_TRANSACTION, new HandleStruct(hCard, 0));
        return HandleStruct.read(readBuffer(HandleStruct.SIZE));
    }

    DisconnectStruct end(int hCard, int disposition) throws IOException {
        send(Command.END_TRANSACTION, new DisconnectStruct(hCard, disposition, 0));
        return DisconnectStruct.read(readBuffer(DisconnectStruct.SIZE));
    }

    HandleStruct status(int hCard) throws IOException {
        send(Command.STATUS, new HandleStruct(hCard, 0));
        return HandleStruct.read(readBuffer(HandleStruct.SIZE));
    }

    /** A TRANSMIT as libpcsclite sends it for SCARD_PCI_T1 and a NULL receive PCI. */
    Transmitted transmit(int hCard, byte[] apdu, int receiveBuffer) throws IOException {
        send(Command.TRANSMIT, new TransmitStruct(hCard, T1, Wire.IO_REQUEST_SIZE, apdu.length, T0_T1,
                Wire.IO_REQUEST_SIZE, receiveBuffer, 0), apdu);
        TransmitStruct reply = TransmitStruct.read(readBuffer(TransmitStruct.SIZE));
        byte[] response = reply.rv() == 0 ? read(reply.recvLength()) : new byte[0];
        return new Transmitted(reply, response);
    }

    record Transmitted(TransmitStruct reply, byte[] response) {
    }

    ControlStruct control(int hCard, int code, byte[] input, int receiveBuffer, byte[][] output) throws IOException {
        send(Command.CONTROL, new ControlStruct(hCard, code, input.length, receiveBuffer, 0, 0), input);
        ControlStruct reply = ControlStruct.read(readBuffer(ControlStruct.SIZE));
        output[0] = reply.rv() == 0 ? read(reply.bytesReturned()) : new byte[0];
        return reply;
    }

    AttributeStruct getAttrib(int hCard, int attribute, int length) throws IOException {
        send(Command.GET_ATTRIB, new AttributeStruct(hCard, attribute, new byte[0], length, 0x8010001D));
        return AttributeStruct.read(readBuffer(AttributeStruct.SIZE));
    }

    AttributeStruct setAttrib(int hCard, int attribute, byte[] value) throws IOException {
        send(Command.SET_ATTRIB, new AttributeStruct(hCard, attribute, value, value.length, 0x8010001D));
        return AttributeStruct.read(readBuffer(AttributeStruct.SIZE));
    }

    List<ReaderStateEntry> readersState() throws IOException {
        send(Command.GET_READERS_STATE, null);
        return ReaderStateEntry.readArray(readBuffer(ReaderStateEntry.ARRAY_SIZE), Wire.MAX_READERS_CONTEXTS);
    }

    /** WAIT (protocol 4.4): registers and returns the immediate dump. */
    List<ReaderStateEntry> waitForChange() throws IOException {
        send(Command.WAIT_READER_STATE_CHANGE, null);
        return ReaderStateEntry.readArray(readBuffer(ReaderStateEntry.ARRAY_SIZE), Wire.MAX_READERS_CONTEXTS);
    }

    void sendStop() throws IOException {
        send(Command.STOP_WAITING_READER_STATE_CHANGE, null);
    }

    SignalStruct readSignal() throws IOException {
        return SignalStruct.read(readBuffer(SignalStruct.SIZE));
    }

    static ReaderStateEntry entry(List<ReaderStateEntry> states, String name) {
        return states.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + states));
    }

    static byte[] name(String name) {
        return Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), name.length() + 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
