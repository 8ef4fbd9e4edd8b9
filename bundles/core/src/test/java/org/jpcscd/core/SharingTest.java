package org.jpcscd.core;

import static org.jpcscd.core.Scard.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Share modes (§6.1) and the readerSharing value clients see. */
class SharingTest {
    private static final String NAME = "Share 00 00";
    private final Harness harness = new Harness();
    private TestReader reader;
    private ClientContext a;
    private ClientContext b;

    @BeforeEach
    void setUp() throws Exception {
        reader = TestReader.withCard("Share").reportingEvents();
        harness.addReady(reader, NAME);
        a = harness.context();
        b = harness.context();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private int sharing() {
        return harness.find(NAME).orElseThrow().sharing();
    }

    @Test
    void sharedHandlesAddUp() throws Exception {
        CardConnection one = a.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        b.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        a.connect(NAME, ShareMode.DIRECT, 0);
        assertEquals(3, sharing());
        one.disconnect(Disposition.LEAVE);
        assertEquals(2, sharing());
    }

    @Test
    void anExclusiveHandleShutsEveryoneElseOutAtOnce() throws Exception {
        CardConnection exclusive = a.connect(NAME, ShareMode.EXCLUSIVE, Protocol.ANY_MASK);
        assertEquals(-1, sharing());
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.connect(NAME, ShareMode.DIRECT, 0));
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> a.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));

        exclusive.disconnect(Disposition.LEAVE);
        assertEquals(0, sharing());
        b.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
    }

    @Test
    void exclusiveIsRefusedWhileAnyOtherHandleExists() throws Exception {
        a.connect(NAME, ShareMode.DIRECT, 0);
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.connect(NAME, ShareMode.EXCLUSIVE, Protocol.ANY_MASK));
        assertEquals(1, sharing());
        assertEquals(1, harness.rm.liveHandles(), "the refused handle is not kept");
    }

    @Test
    void theExclusiveHandleHoldsAnImplicitTransaction() throws Exception {
        CardConnection exclusive = a.connect(NAME, ShareMode.EXCLUSIVE, Protocol.ANY_MASK);
        // The implicit level cannot be ended; nested ones can.
        assertFails(ScardCode.E_NOT_TRANSACTED, () -> exclusive.endTransaction(Disposition.LEAVE));
        exclusive.beginTransaction(java.time.Duration.ZERO);
        exclusive.endTransaction(Disposition.LEAVE);
        assertFails(ScardCode.E_NOT_TRANSACTED, () -> exclusive.endTransaction(Disposition.LEAVE));
    }

    @Test
    void directNeedsNoCardAndNegotiatesNothing() throws Exception {
        TestReader emptyReader = TestReader.empty("Empty").reportingEvents();
        harness.addReady(emptyReader, "Empty 01 00");
        CardConnection direct = a.connect("Empty 01 00", ShareMode.DIRECT, 0);
        assertNull(direct.activeProtocol());
        assertEquals(1, harness.find("Empty 01 00").orElseThrow().sharing());
        assertFails(ScardCode.E_NO_SMARTCARD, () -> a.connect("Empty 01 00", ShareMode.SHARED, Protocol.ANY_MASK));
        // Control reaches the reader without a card.
        assertEquals(3, direct.control(0x42000001, new byte[] {1, 2}).length);
    }

    @Test
    void reconnectMovesBetweenExclusiveAndShared() throws Exception {
        CardConnection one = a.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        one.reconnect(ShareMode.EXCLUSIVE, Protocol.ANY_MASK, Disposition.LEAVE);
        assertEquals(-1, sharing());
        assertEquals(ShareMode.EXCLUSIVE, one.shareMode());
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));

        one.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.LEAVE);
        assertEquals(1, sharing());
        // Leaving exclusive mode also gives up its implicit transaction: others connect at once.
        CardConnection other = b.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        assertFails(ScardCode.E_SHARING_VIOLATION,
                () -> other.reconnect(ShareMode.EXCLUSIVE, Protocol.ANY_MASK, Disposition.LEAVE));
    }

    @Test
    void connectChecksComeInPcscdsOrder() throws Exception {
        assertFails(ScardCode.E_PROTO_MISMATCH, () -> a.connect("no such reader", ShareMode.SHARED, 0));
        assertFails(ScardCode.E_UNKNOWN_READER, () -> a.connect("no such reader", ShareMode.SHARED, Protocol.ANY_MASK));
        assertFails(ScardCode.E_UNKNOWN_READER, () -> a.connect("Share 00", ShareMode.SHARED, Protocol.ANY_MASK));
        a.connect(NAME, ShareMode.EXCLUSIVE, Protocol.ANY_MASK);
        reader.slot().present = false;
        reader.setCard(0, false);
        harness.await(NAME, s -> !s.cardPresent());
        // Exclusive hold is checked before card presence.
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));
    }
}
