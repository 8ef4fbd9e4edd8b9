package org.jpcscd.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The socket timeout is set once; a timeout between messages is waited out, one inside a message
 * ends it; and nothing is read beyond what the request reader asks for.
 */
class MessageInputTest {
    final List<Integer> timeouts = new ArrayList<>();

    @Test
    void setsThePartialTimeoutOnceAndReadsNothingAhead() throws IOException {
        ByteArrayInputStream socket = new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        MessageInput in = new MessageInput(socket, timeouts::add, 700);
        assertTrue(in.awaitMessageStart());
        assertEquals(4, socket.available(), "only the header was taken from the socket");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, in.readNBytes(8));
        assertArrayEquals(new byte[] {9, 10}, in.readNBytes(2));
        assertEquals(2, socket.available(), "nothing read ahead: unread payload stays in the socket");
        assertTrue(in.awaitMessageStart());
        assertArrayEquals(new byte[] {11, 12}, in.readNBytes(2));
        assertFalse(in.awaitMessageStart(), "clean end of stream between messages");
        assertEquals(List.of(700), timeouts, "one setting for the whole connection, not one per message");
    }

    @Test
    void anIdleClientOutlastingTheTimeoutBetweenMessagesIsStillServed() throws IOException {
        // Two timeouts before the header arrives, as a client quiet for longer than the timeout causes.
        InputStream socket = new TimingOutStream(2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, Integer.MAX_VALUE);
        MessageInput in = new MessageInput(socket, timeouts::add, 700);
        assertTrue(in.awaitMessageStart());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, in.readNBytes(8));
    }

    @Test
    void aTimeoutInsideAMessageEndsIt() throws IOException {
        // The header arrives, then the payload stalls.
        InputStream socket = new TimingOutStream(0, new byte[] {4, 0, 0, 0, 17, 0, 0, 0}, 8);
        MessageInput in = new MessageInput(socket, timeouts::add, 700);
        assertTrue(in.awaitMessageStart());
        in.readNBytes(8);
        assertThrows(SocketTimeoutException.class, () -> in.readNBytes(4));
    }

    /** Times out {@code before} times, then serves {@code data} up to {@code stallAt} and times out again. */
    private static final class TimingOutStream extends InputStream {
        private int timeoutsLeft;
        private final byte[] data;
        private final int stallAt;
        private int next;

        TimingOutStream(int before, byte[] data, int stallAt) {
            this.timeoutsLeft = before;
            this.data = data;
            this.stallAt = stallAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (timeoutsLeft > 0) {
                timeoutsLeft--;
                throw new SocketTimeoutException("timeout");
            }
            if (next >= stallAt) {
                throw new SocketTimeoutException("timeout");
            }
            if (next >= data.length) {
                return -1;
            }
            int n = Math.min(length, Math.min(data.length, stallAt) - next);
            System.arraycopy(data, next, target, offset, n);
            next += n;
            return n;
        }
    }
}
