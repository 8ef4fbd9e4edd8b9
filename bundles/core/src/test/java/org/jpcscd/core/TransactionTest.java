package org.jpcscd.core;

import static org.jpcscd.core.Scard.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions (§6.2): nesting, waiting, and what they block. */
class TransactionTest {
    private static final String NAME = "Tx 00 00";
    private static final byte[] APDU = {0x00, (byte) 0xA4, 0x04, 0x00};
    private final Harness harness = new Harness();
    private TestReader reader;
    private CardConnection a;
    private CardConnection b;

    @BeforeEach
    void setUp() throws Exception {
        reader = TestReader.withCard("Tx").reportingEvents();
        harness.addReady(reader, NAME);
        ClientContext ca = harness.context();
        ClientContext cb = harness.context();
        a = ca.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        b = cb.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void transactionsNestAndEndLevelByLevel() throws Exception {
        a.beginTransaction(Duration.ZERO);
        a.beginTransaction(Duration.ZERO);
        a.endTransaction(Disposition.LEAVE);
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.beginTransaction(Duration.ZERO));
        a.endTransaction(Disposition.LEAVE);
        assertFails(ScardCode.E_NOT_TRANSACTED, () -> a.endTransaction(Disposition.LEAVE));
        b.beginTransaction(Duration.ZERO);
    }

    @Test
    void theHolderOfATransactionIsVisibleToAdministrators() throws Exception {
        assertFalse(a.holdsTransaction());
        a.beginTransaction(Duration.ZERO);
        assertTrue(a.holdsTransaction());
        assertFalse(b.holdsTransaction());
        a.endTransaction(Disposition.LEAVE);
        assertFalse(a.holdsTransaction());
    }

    @Test
    void anotherHandlesTransactionBlocksCardAccess() throws Exception {
        a.beginTransaction(Duration.ZERO);
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.transmit(Protocol.T1.mask(), APDU));
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.status());
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.control(0x42000001, new byte[0]));
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.getAttribute(org.jpcscd.api.Attribute.ATR_STRING));
        assertFails(ScardCode.E_SHARING_VIOLATION,
                () -> b.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.LEAVE));
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.endTransaction(Disposition.LEAVE));
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.endTransaction(Disposition.RESET));
        assertArrayEquals(new byte[] {0x00, (byte) 0xA4, 0x04, 0x00, (byte) 0x90, 0x00},
                a.transmit(Protocol.T1.mask(), APDU));
    }

    @Test
    void aWaitingBeginProceedsWhenTheHolderEnds() throws Exception {
        a.beginTransaction(Duration.ZERO);
        Background<Boolean> waiting = Background.run(() -> {
            b.beginTransaction(Duration.ofSeconds(10));
            return true;
        }).awaitParked();
        a.endTransaction(Disposition.LEAVE);
        assertTrue(waiting.get());
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> a.beginTransaction(Duration.ZERO));
    }

    @Test
    void aBeginThatWaitsTooLongGetsSharingViolation() throws Exception {
        a.beginTransaction(Duration.ZERO);
        long start = System.nanoTime();
        assertFails(ScardCode.E_SHARING_VIOLATION, () -> b.beginTransaction(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "waited the full 100 ms");
    }

    @Test
    void connectWaitsForAnOpenTransaction() throws Exception {
        a.beginTransaction(Duration.ZERO);
        ClientContext other = harness.context();
        Background<CardConnection> connecting =
                Background.run(() -> other.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK)).awaitParked();
        a.endTransaction(Disposition.LEAVE);
        CardConnection connected = connecting.get();
        assertEquals(Protocol.T1, connected.activeProtocol());
    }

    @Test
    void aConnectWaitingForATransactionStopsWhenTheReaderGoes() throws Exception {
        a.beginTransaction(Duration.ZERO);
        ClientContext other = harness.context();
        Background<CardConnection> connecting =
                Background.run(() -> other.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK)).awaitParked();
        harness.remove(reader);
        ScardCode code = connecting.failure();
        assertTrue(code == ScardCode.E_UNKNOWN_READER || code == ScardCode.E_READER_UNAVAILABLE, code.toString());
    }

    @Test
    void cardRemovalDropsTheTransactionAndFlagsEveryHandle() throws Exception {
        a.beginTransaction(Duration.ZERO);
        reader.setCard(0, false);
        harness.await(NAME, s -> !s.cardPresent());
        assertFails(ScardCode.W_REMOVED_CARD, () -> a.transmit(Protocol.T1.mask(), APDU));
        assertFails(ScardCode.W_REMOVED_CARD, () -> b.beginTransaction(Duration.ZERO));
        assertFails(ScardCode.W_REMOVED_CARD, () -> a.endTransaction(Disposition.LEAVE));
        assertFails(ScardCode.E_NO_SMARTCARD, () -> b.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.LEAVE));
        // Insertion does not clear the flag; reconnect does.
        reader.setCard(0, true);
        harness.await(NAME, s -> s.cardPresent());
        assertFails(ScardCode.W_REMOVED_CARD, () -> b.status());
        b.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.LEAVE);
        b.beginTransaction(Duration.ZERO);
        b.endTransaction(Disposition.LEAVE);
        a.disconnect(Disposition.LEAVE);
    }
}
