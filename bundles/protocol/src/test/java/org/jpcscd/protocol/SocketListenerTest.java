package org.jpcscd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jpcscd.core.ResourceManagerImpl;
import org.jpcscd.wire.Command;
import org.jpcscd.wire.RequestWriter;
import org.jpcscd.wire.VersionStruct;
import org.jpcscd.wire.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The listening socket's files: pcscd's modes, stale sockets, and never two daemons on one path. */
class SocketListenerTest {
    @TempDir
    Path temp;

    final ResourceManagerImpl rm = new ResourceManagerImpl();

    @AfterEach
    void stopCore() {
        rm.contexts().forEach(c -> c.close());
    }

    @Test
    void createsTheFolderWith0755AndTheSocketWith0666AndRemovesItWhenStopped() throws IOException {
        Path socket = temp.resolve("run/pcscd/pcscd.comm");
        try (SocketListener listener = SocketListener.start(ServerSettings.defaults(socket), rm)) {
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals(new VersionStruct(4, 4, 0), handshake(socket));
        }
        assertFalse(Files.exists(socket), "socket file removed on stop");
    }

    @Test
    void aStaleSocketFileIsReplaced() throws IOException {
        Path socket = temp.resolve("pcscd.comm");
        // A socket file nobody listens on any more, as a killed daemon leaves it.
        AFUNIXServerSocket dead = AFUNIXServerSocket.newInstance();
        dead.setDeleteOnClose(false);
        dead.bind(AFUNIXSocketAddress.of(socket));
        dead.close();
        assertTrue(Files.exists(socket));
        try (SocketListener listener = SocketListener.start(ServerSettings.defaults(socket), rm)) {
            assertEquals(new VersionStruct(4, 4, 0), handshake(socket));
        }
    }

    @Test
    void refusesToStartWhereADaemonIsServingAndLeavesItAlone() throws IOException {
        Path socket = temp.resolve("pcscd.comm");
        try (SocketListener first = SocketListener.start(ServerSettings.defaults(socket), rm)) {
            IOException refused = assertThrows(IOException.class, () -> SocketListener.start(ServerSettings.defaults(socket), rm));
            assertTrue(refused.getMessage().contains("another daemon"), refused.getMessage());
            assertEquals(new VersionStruct(4, 4, 0), handshake(socket));
        }
    }

    @Test
    void neverDeletesAFileThatIsNotASocket() throws IOException {
        Path file = temp.resolve("precious.txt");
        Files.writeString(file, "keep me");
        assertThrows(IOException.class, () -> SocketListener.start(ServerSettings.defaults(file), rm));
        assertEquals("keep me", Files.readString(file));
    }

    static VersionStruct handshake(Path socket) throws IOException {
        try (AFUNIXSocket client = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socket))) {
            client.setSoTimeout(5000);
            OutputStream out = client.getOutputStream();
            out.write(RequestWriter.request(Command.VERSION, new VersionStruct(4, 4, 0)));
            InputStream in = client.getInputStream();
            return VersionStruct.read(ByteBuffer.wrap(in.readNBytes(VersionStruct.SIZE)).order(Wire.ORDER));
        }
    }
}
