package org.jpcscd.core;

import static org.jpcscd.core.Scard.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that releases its context or goes away (§6.5). */
class ContextCloseTest {
    private static final String NAME = "Close 00 00";
    private static final byte[] APDU = {0x00, 0x01};
    private final Harness harness = new Harness();
    private TestSlot card;
    private ClientContext leaving;
    private ClientContext staying;

    @BeforeEach
    void setUp() throws Exception {
        TestReader reader = TestReader.withCard("Close").reportingEvents();
        card = reader.slot();
        harness.addReady(reader, NAME);
        leaving = harness.context();
        staying = harness.context();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void closingInsideATransactionResetsTheCardForEveryoneElse() throws Exception {
        CardConnection gone = leaving.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        CardConnection other = staying.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        gone.beginTransaction(Duration.ZERO);

        leaving.close();

        assertEquals(1, card.warmResets.get());
        assertFails(ScardCode.W_RESET_CARD, () -> other.transmit(Protocol.T1.mask(), APDU));
        assertFails(ScardCode.W_RESET_CARD, () -> other.beginTransaction(Duration.ZERO));
        other.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.LEAVE);
        other.beginTransaction(Duration.ZERO);
        assertEquals(1, harness.find(NAME).orElseThrow().sharing());
        assertFalse(leaving.isValid());
        assertTrue(leaving.connections().isEmpty());
        assertFails(ScardCode.E_INVALID_HANDLE, () -> gone.transmit(Protocol.T1.mask(), APDU));
    }

    @Test
    void closingWhileExclusiveResetsTheCard() throws Exception {
        leaving.connect(NAME, ShareMode.EXCLUSIVE, Protocol.ANY_MASK);
        leaving.close();
        assertEquals(1, card.warmResets.get());
        assertEquals(0, harness.find(NAME).orElseThrow().sharing());
        staying.connect(NAME, ShareMode.EXCLUSIVE, Protocol.ANY_MASK);
    }

    @Test
    void closingWithoutATransactionLeavesTheCardAlone() throws Exception {
        leaving.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        CardConnection other = staying.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        other.beginTransaction(Duration.ZERO);

        // The other client's transaction is kept; closing does not wait for it.
        leaving.close();

        assertEquals(0, card.warmResets.get());
        other.transmit(Protocol.T1.mask(), APDU);
        other.endTransaction(Disposition.LEAVE);
    }

    @Test
    void aHolderWhoseCardWasAlreadyResetIsNotResetAgain() throws Exception {
        CardConnection gone = leaving.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        gone.beginTransaction(Duration.ZERO);
        gone.beginTransaction(Duration.ZERO);
        // One level ends with a reset: still in the transaction, and flagged like everyone.
        gone.endTransaction(Disposition.RESET);
        assertEquals(1, card.warmResets.get());
        leaving.close();
        assertEquals(1, card.warmResets.get());
        staying.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK).beginTransaction(Duration.ZERO);
    }

    @Test
    void aWaitingBeginProceedsWhenTheHolderCloses() throws Exception {
        CardConnection gone = leaving.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        CardConnection other = staying.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        gone.beginTransaction(Duration.ZERO);
        Background<Boolean> waiting = Background.run(() -> {
            other.beginTransaction(Duration.ofSeconds(10));
            return true;
        }).awaitParked();
        leaving.close();
        // pcscd hands the card over reset; the waiter learns so instead of getting the lock.
        assertEquals(ScardCode.W_RESET_CARD, waiting.failure());
    }

    @Test
    void aReleasedContextCannotConnect() throws Exception {
        leaving.close();
        assertFails(ScardCode.E_INVALID_HANDLE, () -> leaving.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));
        assertEquals(0, harness.rm.liveHandles(), "the handle made before the check is disposed of");
        assertNull(leaving.connection(1));
    }
}
