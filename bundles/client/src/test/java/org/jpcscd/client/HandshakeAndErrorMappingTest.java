package org.jpcscd.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.wire.VersionStruct;
import org.jpcscd.wire.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What establishContext reports when the daemon misbehaves, the way libpcsclite 1.9.9 maps it
 * (wire fact sheet §1.5): a fake daemon on a private socket plays each case.
 */
class HandshakeAndErrorMappingTest {
    @TempDir
    Path dir;

    private interface Peer {
        void serve(SocketChannel client) throws IOException;
    }

    private ScardCode establishAgainst(Peer peer) throws Exception {
        Path socket = dir.resolve("fake.comm");
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> {
                try (SocketChannel client = server.accept()) {
                    peer.serve(client);
                } catch (IOException e) {
                    // the client side decides the outcome
                }
            });
            t.start();
            try {
                PcscClient.forSocket(socket).establishContext().close();
                return ScardCode.S_SUCCESS;
            } catch (ScardException e) {
                return e.code();
            } finally {
                t.join(5000);
            }
        }
    }

    private static void readRequest(SocketChannel c, int n) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(n);
        while (in.hasRemaining() && c.read(in) >= 0) {
            // read it all
        }
    }

    @Test
    void noSocketIsNoService() throws Exception {
        ScardException e = assertThrows(ScardException.class,
                () -> PcscClient.forSocket(dir.resolve("missing.comm")).establishContext());
        assertEquals(ScardCode.E_NO_SERVICE, e.code());
    }

    @Test
    void aStaleSocketFileIsNoService() throws Exception {
        Path socket = dir.resolve("stale.comm");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        // the file stays, nobody listens
        assertEquals(ScardCode.E_NO_SERVICE,
                assertThrows(ScardException.class, () -> PcscClient.forSocket(socket).establishContext()).code());
    }

    @Test
    void closedAfterReadingIsCommError() throws Exception {
        assertEquals(ScardCode.F_COMM_ERROR, establishAgainst(c -> readRequest(c, 20)));
    }

    @Test
    void closedWithoutReadingIsSecurityViolation() throws Exception {
        // Unread data in the daemon's receive queue turns its close into a reset.
        assertEquals(ScardCode.W_SECURITY_VIOLATION, establishAgainst(c -> {
            ByteBuffer one = ByteBuffer.allocate(1);
            c.read(one);
        }));
    }

    @Test
    void anotherProtocolIsServiceStopped() throws Exception {
        assertEquals(ScardCode.E_SERVICE_STOPPED, establishAgainst(c -> {
            readRequest(c, 20);
            ByteBuffer reply = Wire.allocate(12);
            new VersionStruct(4, 3, ScardCode.E_SERVICE_STOPPED.value()).write(reply);
            c.write(reply.flip());
            readRequest(c, 1);
        }));
    }
}
