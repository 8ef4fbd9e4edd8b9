package org.jpcscd.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.jpcscd.wire.Header;

/**
 * The request bytes of one connection. Between messages a client may stay idle for ever (as with
 * pcscd); once a message has started, every read that waits for the socket is bounded by the
 * partial-message timeout.
 *
 * <p>The socket's read timeout is set once, to the partial-message timeout, and never changed: a
 * timeout while waiting for the first byte of a message just means "keep waiting". Switching the
 * timeout off and on around every message cost four {@code setsockopt} calls per request (junixsocket
 * sets the send and the receive timeout together), more than the reads themselves; an idle client
 * now costs one wake-up per timeout period instead.
 *
 * <p>Nothing is read ahead of what the request reader asks for (at most the 8-byte header while
 * waiting for a message): like pcscd, a request refused before its payload is read leaves that
 * payload in the socket, so the client sees a reset rather than a clean end of stream.
 */
final class MessageInput extends InputStream {
    /** Sets the socket's read timeout in milliseconds. */
    interface TimeoutControl {
        void setReadTimeout(int millis) throws SocketException;
    }

    private final InputStream socketInput;
    private final TimeoutControl timeout;
    private final int partialMessageTimeoutMs;
    private final byte[] header = new byte[Header.SIZE];
    private int position;
    private int limit;
    private boolean timeoutSet;

    MessageInput(InputStream socketInput, TimeoutControl timeout, int partialMessageTimeoutMs) {
        this.socketInput = socketInput;
        this.timeout = timeout;
        this.partialMessageTimeoutMs = partialMessageTimeoutMs;
    }

    /** Waits without limit for the next message's first bytes; false at a clean end of stream. */
    boolean awaitMessageStart() throws IOException {
        if (position < limit) {
            return true;
        }
        armOnce();
        while (true) {
            int n;
            try {
                n = socketInput.read(header, 0, header.length);
            } catch (SocketTimeoutException idle) {
                continue; // nothing of a message yet: an idle client may stay
            }
            position = 0;
            limit = Math.max(0, n);
            return n > 0;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position < limit) {
            int n = Math.min(length, limit - position);
            System.arraycopy(header, position, target, offset, n);
            position += n;
            return n;
        }
        armOnce();
        return socketInput.read(target, offset, length);
    }

    @Override
    public int available() {
        return limit - position;
    }

    private void armOnce() throws SocketException {
        if (!timeoutSet) {
            timeout.setReadTimeout(partialMessageTimeoutMs);
            timeoutSet = true;
        }
    }
}
