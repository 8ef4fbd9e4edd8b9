package org.jpcscd.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jpcscd.core.ResourceManagerImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The door the idle exit closes: nobody can get in after a pause, nobody who got in before is dropped. */
class SocketListenerPauseTest {
    @TempDir
    Path folder;
    private Path socketPath;
    private SocketListener listener;
    private final List<AFUNIXSocket> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        socketPath = folder.resolve("pcscd.comm");
        listener = SocketListener.start(ServerSettings.defaults(socketPath), new ResourceManagerImpl());
    }

    @AfterEach
    void stop() throws IOException {
        for (AFUNIXSocket client : clients) {
            client.close();
        }
        listener.close();
    }

    @Test
    void afterPauseNoClientCanConnectAndResumeServesAgain() throws Exception {
        listener.pause();
        assertFalse(Files.exists(socketPath), "the socket file is removed first");
        assertThrows(IOException.class, () -> AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socketPath)));
        assertEquals(0, listener.connections());

        listener.resume();
        assertTrue(Files.exists(socketPath));
        assertVersionAnswered(connect());
    }

    @Test
    void aClientThatConnectedJustBeforeThePauseIsAcceptedAndServed() throws Exception {
        // connect() returns as soon as the kernel queued the connection, before the server accepted it.
        AFUNIXSocket early = connect();
        listener.pause();
        assertEquals(1, listener.connections(), "the queued connection was accepted before the pause completed");
        assertVersionAnswered(early);
    }

    @Test
    void manyQueuedClientsAreAllAccepted() throws Exception {
        List<AFUNIXSocket> early = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            early.add(connect());
        }
        listener.pause();
        assertEquals(20, listener.connections());
        for (AFUNIXSocket client : early) {
            assertVersionAnswered(client);
        }
    }

    @Test
    void closeAfterPauseReturnsAndLeavesNoFile() throws Exception {
        listener.pause();
        listener.close();
        assertFalse(Files.exists(socketPath));
    }

    private AFUNIXSocket connect() throws IOException {
        AFUNIXSocket client = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socketPath));
        client.setSoTimeout(5000);
        clients.add(client);
        return client;
    }

    /** CMD_VERSION 4.4 gets its 12-byte answer: the connection is really served, not half-open. */
    private static void assertVersionAnswered(AFUNIXSocket client) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        request.putInt(12).putInt(0x11).putInt(4).putInt(4).putInt(0);
        OutputStream out = client.getOutputStream();
        out.write(request.array());
        out.flush();
        byte[] reply = new byte[12];
        new DataInputStream(client.getInputStream()).readFully(reply);
        ByteBuffer expected = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(4).putInt(4).putInt(0);
        assertArrayEquals(expected.array(), reply);
    }
}
