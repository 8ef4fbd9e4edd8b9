package org.jpcscd.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timeouts only inside a message, and nothing read beyond what the request reader asks for. */
class MessageInputTest {
    final List<Integer> timeouts = new ArrayList<>();

    @Test
    void waitsForAMessageWithoutTimeoutAndReadsTheRestWithThePartialTimeout() throws IOException {
        ByteArrayInputStream socket = new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        MessageInput in = new MessageInput(socket, timeouts::add, 700);
        assertTrue(in.awaitMessageStart());
        assertEquals(List.of(0), timeouts, "the wait for a message is unbounded");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, in.readNBytes(8));
        assertEquals(4, socket.available(), "only the header was taken from the socket");
        assertArrayEquals(new byte[] {9, 10}, in.readNBytes(2));
        assertEquals(List.of(0, 700), timeouts, "the rest of a started message is bounded");
        assertEquals(2, socket.available(), "nothing read ahead: unread payload stays in the socket");
        assertTrue(in.awaitMessageStart());
        assertEquals(List.of(0, 700, 0), timeouts);
        assertArrayEquals(new byte[] {11, 12}, in.readNBytes(2));
        assertFalse(in.awaitMessageStart(), "clean end of stream between messages");
    }

    @Test
    void theTimeoutIsOnlySetWhenItChanges() throws IOException {
        byte[] twoHeaders = new byte[16];
        MessageInput in = new MessageInput(new ByteArrayInputStream(twoHeaders), timeouts::add, 700);
        assertTrue(in.awaitMessageStart());
        in.readNBytes(8);
        assertTrue(in.awaitMessageStart());
        in.readNBytes(8);
        assertEquals(List.of(0), timeouts, "header-only messages never wait inside a message");
    }
}
