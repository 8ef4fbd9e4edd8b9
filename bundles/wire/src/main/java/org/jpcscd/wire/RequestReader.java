package org.jpcscd.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads requests from a client connection the way pcscd does: exact-length reads, the header first,
 * then the command's fixed struct, and any transmit/control payload only when the caller asks for it
 * (pcscd checks handle ownership before reading the APDU).
 */
public final class RequestReader {
    private final InputStream in;

    public RequestReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next header and the struct that follows it.
     *
     * @return null on a clean end of stream before the first header byte
     * @throws WireFormatException for an unknown command or a size that doesn't match the command
     * @throws EOFException when the stream ends inside a message
     */
    public Request next() throws IOException {
        byte[] headerBytes = in.readNBytes(Header.SIZE);
        if (headerBytes.length == 0) {
            return null;
        }
        if (headerBytes.length < Header.SIZE) {
            throw new EOFException("connection closed inside a request header (" + headerBytes.length + " of 8 bytes)");
        }
        Header header = Header.read(ByteBuffer.wrap(headerBytes).order(Wire.ORDER));
        Command command = Command.fromCode(header.command());
        if (command == null) {
            throw new WireFormatException(String.format("unknown command 0x%08X", header.command()));
        }
        if (!command.hasBody()) {
            return new Request(command, null);
        }
        if (header.structLength() != command.structSize()) {
            throw new WireFormatException(String.format(
                    "wrong length for %s: header says %d, the struct has %d",
                    command, Integer.toUnsignedLong(header.structLength()), command.structSize()));
        }
        ByteBuffer body = ByteBuffer.wrap(readExactly(command.structSize(), command.toString())).order(Wire.ORDER);
        return new Request(command, decode(command, body));
    }

    /** Reads a transmit or control payload the request announced. */
    public byte[] payload(int length) throws IOException {
        if (length < 0 || length > Wire.MAX_BUFFER_SIZE_EXTENDED) {
            throw new WireFormatException("payload of " + Integer.toUnsignedLong(length) + " bytes exceeds "
                    + Wire.MAX_BUFFER_SIZE_EXTENDED);
        }
        return readExactly(length, "payload");
    }

    private byte[] readExactly(int length, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed inside " + what + " (" + bytes.length + " of " + length + " bytes)");
        }
        return bytes;
    }

    /** Decodes the fixed struct of a command from exactly {@link Command#structSize()} bytes. */
    public static WireStruct decode(Command command, ByteBuffer body) {
        return switch (command) {
            case VERSION -> VersionStruct.read(body);
            case ESTABLISH_CONTEXT -> EstablishStruct.read(body);
            case RELEASE_CONTEXT -> ReleaseStruct.read(body);
            case CONNECT -> ConnectStruct.read(body);
            case RECONNECT -> ReconnectStruct.read(body);
            case DISCONNECT, END_TRANSACTION -> DisconnectStruct.read(body);
            case BEGIN_TRANSACTION, STATUS, CANCEL -> HandleStruct.read(body);
            case TRANSMIT -> TransmitStruct.read(body);
            case CONTROL -> ControlStruct.read(body);
            case GET_ATTRIB, SET_ATTRIB -> AttributeStruct.read(body);
            default -> throw new IllegalArgumentException(command + " has no struct");
        };
    }

    /** A request: its command and its struct (null for the commands without one). */
    public record Request(Command command, WireStruct body) {
    }
}
