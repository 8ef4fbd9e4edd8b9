package org.jpcscd.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.jpcscd.api.rm.ClientInfo;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketCredentials;

/** A client connection on the daemon's Unix socket (junixsocket), with the peer's credentials. */
final class UnixSocketChannel implements ClientChannel {
    private final AFUNIXSocket socket;
    private final MessageInput in;
    private final OutputStream out;
    private final ClientInfo peer;
    private final Object writeLock = new Object();

    UnixSocketChannel(AFUNIXSocket socket, Duration partialMessageTimeout) throws IOException {
        this.socket = socket;
        int partialMessageTimeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, partialMessageTimeout.toMillis()));
        this.in = new MessageInput(socket.getInputStream(), socket::setSoTimeout, partialMessageTimeoutMs);
        this.out = socket.getOutputStream();
        this.peer = credentialsOf(socket);
    }

    private static ClientInfo credentialsOf(AFUNIXSocket socket) {
        try {
            AFUNIXSocketCredentials c = socket.getPeerCredentials();
            return new ClientInfo(c.getPid(), c.getUid(), c.getGid(), "socket");
        } catch (IOException | RuntimeException e) {
            return new ClientInfo(-1, -1, -1, "socket");
        }
    }

    @Override
    public ClientInfo peer() {
        return peer;
    }

    @Override
    public boolean awaitMessageStart() throws IOException {
        return in.awaitMessageStart();
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public void send(byte[] message) throws IOException {
        synchronized (writeLock) {
            out.write(message);
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to do for a connection that is going away.
        }
    }
}
