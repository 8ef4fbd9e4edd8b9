package org.jpcscd.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import org.jpcscd.wire.Header;

/**
 * The request bytes of one connection. Between messages a read may block for ever (an idle client
 * may stay, as with pcscd); once a message has started, every read that waits for the socket is
 * bounded by the partial-message timeout, and the socket's timeout is only changed when that
 * changes.
 *
 * <p>Nothing is read ahead of what the request reader asks for (at most the 8-byte header while
 * waiting for a message): like pcscd, a request refused before its payload is read leaves that
 * payload in the socket, so the client sees a reset rather than a clean end of stream.
 */
final class MessageInput extends InputStream {
    /** Sets the socket's read timeout in milliseconds, 0 for none. */
    interface TimeoutControl {
        void setReadTimeout(int millis) throws SocketException;
    }

    private final InputStream socketInput;
    private final TimeoutControl timeout;
    private final int partialMessageTimeoutMs;
    private final byte[] header = new byte[Header.SIZE];
    private int position;
    private int limit;
    private boolean insideMessage;
    private int currentTimeoutMs = -1;

    MessageInput(InputStream socketInput, TimeoutControl timeout, int partialMessageTimeoutMs) {
        this.socketInput = socketInput;
        this.timeout = timeout;
        this.partialMessageTimeoutMs = partialMessageTimeoutMs;
    }

    /** Waits without limit for the next message's first bytes; false at a clean end of stream. */
    boolean awaitMessageStart() throws IOException {
        insideMessage = false;
        if (position == limit) {
            arm();
            int n = socketInput.read(header, 0, header.length);
            position = 0;
            limit = Math.max(0, n);
            if (n <= 0) {
                return false;
            }
        }
        insideMessage = true;
        return true;
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
        arm();
        return socketInput.read(target, offset, length);
    }

    @Override
    public int available() {
        return limit - position;
    }

    private void arm() throws SocketException {
        int wanted = insideMessage ? partialMessageTimeoutMs : 0;
        if (wanted != currentTimeoutMs) {
            timeout.setReadTimeout(wanted);
            currentTimeoutMs = wanted;
        }
    }
}
