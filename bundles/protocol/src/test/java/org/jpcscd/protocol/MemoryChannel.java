package org.jpcscd.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import org.jpcscd.api.rm.ClientInfo;

/** A client connection made of in-memory bytes: what the client sent, and what the daemon answered. */
final class MemoryChannel implements ClientChannel {
    static final ClientInfo PEER = new ClientInfo(4242, 1000, 1000, "memory");

    private final PushbackInputStream in;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private volatile boolean closed;

    MemoryChannel(InputStream requests) {
        this.in = new PushbackInputStream(requests, 1);
    }

    @Override
    public ClientInfo peer() {
        return PEER;
    }

    @Override
    public boolean awaitMessageStart() throws IOException {
        int first = in.read();
        if (first < 0) {
            return false;
        }
        in.unread(first);
        return true;
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public synchronized void send(byte[] message) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        out.write(message);
    }

    synchronized byte[] sent() {
        return out.toByteArray();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
