package org.jpcscd.launcher;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A minimal pcsc-lite wire client (what libpcsclite sends for SCardEstablishContext and
 * SCardReleaseContext, spec §10), so the lifecycle tests need nothing but the JDK.
 */
final class WireClient implements AutoCloseable {
    private static final int CMD_VERSION = 0x11;
    private static final int ESTABLISH_CONTEXT = 0x01;
    private static final int RELEASE_CONTEXT = 0x02;

    private final SocketChannel channel;
    private int context;

    private WireClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects; an IOException is what libpcsclite turns into SCARD_E_NO_SERVICE. */
    static WireClient connect(Path socket) throws IOException {
        return new WireClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    /** Tells whether a daemon accepts connections on {@code socket} right now. */
    static boolean answers(Path socket) {
        try (WireClient client = connect(socket)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** CMD_VERSION 4.4 then ESTABLISH_CONTEXT; returns the rv of the establish (0 = a context). */
    int establish() throws IOException {
        ByteBuffer version = call(CMD_VERSION, 12, 4, 4, 0);
        if (version.getInt(8) != 0) {
            return version.getInt(8);
        }
        ByteBuffer established = call(ESTABLISH_CONTEXT, 12, 2, 0, 0);
        context = established.getInt(4);
        return established.getInt(8);
    }

    /** RELEASE_CONTEXT of the context this client established; returns its rv. */
    int release() throws IOException {
        return call(RELEASE_CONTEXT, 8, context, 0).getInt(4);
    }

    private ByteBuffer call(int command, int size, int... fields) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
        request.putInt(size).putInt(command);
        for (int field : fields) {
            request.putInt(field);
        }
        request.flip();
        while (request.hasRemaining()) {
            channel.write(request);
        }
        ByteBuffer reply = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        while (reply.hasRemaining()) {
            if (channel.read(reply) < 0) {
                throw new EOFException("the daemon closed the connection");
            }
        }
        return reply;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
