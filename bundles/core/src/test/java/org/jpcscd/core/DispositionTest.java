package org.jpcscd.core;

import static org.jpcscd.core.Scard.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dispositions (§6.3) and the reset flags other handles see (§6.4). */
class DispositionTest {
    private static final String NAME = "Disp 00 00";
    private static final byte[] APDU = {0x00, 0x01};
    private final Harness harness = new Harness();
    private TestReader reader;
    private TestSlot card;
    private ClientContext ca;
    private CardConnection a;
    private CardConnection b;

    @BeforeEach
    void setUp() throws Exception {
        reader = TestReader.withCard("Disp").reportingEvents();
        card = reader.slot();
        harness.addReady(reader, NAME);
        ca = harness.context();
        ClientContext cb = harness.context();
        a = ca.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        b = cb.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void endTransactionWithResetFlagsBothHandlesAndReconnectLeaveClearsOne() throws Exception {
        b.beginTransaction(Duration.ZERO);
        b.endTransaction(Disposition.RESET);
        assertEquals(1, card.warmResets.get());

        assertFails(ScardCode.W_RESET_CARD, () -> a.transmit(Protocol.T1.mask(), APDU));
        assertFails(ScardCode.W_RESET_CARD, () -> b.transmit(Protocol.T1.mask(), APDU));
        assertFails(ScardCode.W_RESET_CARD, () -> a.status());
        assertFails(ScardCode.W_RESET_CARD, () -> a.beginTransaction(Duration.ZERO));
        assertFails(ScardCode.W_RESET_CARD, () -> a.getAttribute(org.jpcscd.api.Attribute.ATR_STRING));
        // Control is not affected by the flag.
        a.control(0x42000001, new byte[0]);

        assertEquals(Protocol.T1, a.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.LEAVE));
        assertArrayEquals(new byte[] {0x00, 0x01, (byte) 0x90, 0x00}, a.transmit(Protocol.T1.mask(), APDU));
        assertFails(ScardCode.W_RESET_CARD, () -> b.transmit(Protocol.T1.mask(), APDU));
    }

    @Test
    void aResetClearsTheNegotiatedProtocolUntilTheNextReconnect() throws Exception {
        a.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.RESET);
        assertEquals(Protocol.T1, harness.find(NAME).orElseThrow().protocol(), "renegotiated by the reconnect");
        assertEquals(2, card.protocolsSet.size(), "PPS again after the reset");
        // The one who reset got its flag cleared, the other one keeps it.
        a.transmit(Protocol.T1.mask(), APDU);
        assertFails(ScardCode.W_RESET_CARD, () -> b.transmit(Protocol.T1.mask(), APDU));
    }

    @Test
    void disconnectWithUnpowerLeavesTheCardOffUntilTheNextConnect() throws Exception {
        a.disconnect(Disposition.UNPOWER);
        assertEquals(1, card.powerDowns.get());
        assertEquals(CardStateBits.PRESENT, harness.find(NAME).orElseThrow().cardState());
        assertNull(harness.find(NAME).orElseThrow().protocol());
        assertFails(ScardCode.W_RESET_CARD, () -> b.transmit(Protocol.T1.mask(), APDU));

        int powerUps = card.powerUps.get();
        CardConnection again = ca.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        assertEquals(powerUps + 1, card.powerUps.get());
        assertEquals(0x34, harness.find(NAME).orElseThrow().cardState());
        assertEquals(Protocol.T1, again.activeProtocol());
    }

    @Test
    void endTransactionWithUnpowerIsAColdReset() throws Exception {
        a.beginTransaction(Duration.ZERO);
        int powerUps = card.powerUps.get();
        a.endTransaction(Disposition.UNPOWER);
        assertEquals(1, card.powerDowns.get());
        assertEquals(powerUps + 1, card.powerUps.get());
        assertEquals(0x34, harness.find(NAME).orElseThrow().cardState());
        assertFails(ScardCode.W_RESET_CARD, () -> a.transmit(Protocol.T1.mask(), APDU));
    }

    @Test
    void endTransactionWithResetButNoTransactionStillResetsThenSaysNotTransacted() throws Exception {
        assertFails(ScardCode.E_NOT_TRANSACTED, () -> a.endTransaction(Disposition.RESET));
        assertEquals(1, card.warmResets.get());
    }

    @Test
    void ejectAndLeaveDoNotTouchTheCard() throws Exception {
        a.disconnect(Disposition.EJECT);
        b.disconnect(Disposition.LEAVE);
        assertEquals(0, card.warmResets.get());
        assertEquals(0, card.powerDowns.get());
        assertEquals(0x34, harness.find(NAME).orElseThrow().cardState());
    }

    @Test
    void reconnectRefusesEject() {
        assertFails(ScardCode.E_INVALID_VALUE,
                () -> a.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.EJECT));
        assertFails(ScardCode.E_PROTO_MISMATCH, () -> a.reconnect(ShareMode.SHARED, 0, Disposition.LEAVE));
    }

    @Test
    void aResetDispositionOnDisconnectWaitsForAnotherHandlesTransaction() throws Exception {
        b.beginTransaction(Duration.ZERO);
        Background<Boolean> disconnecting = Background.run(() -> {
            a.disconnect(Disposition.RESET);
            return true;
        }).awaitParked();
        assertEquals(0, card.warmResets.get());
        b.endTransaction(Disposition.LEAVE);
        disconnecting.get();
        assertEquals(1, card.warmResets.get());
        assertFails(ScardCode.W_RESET_CARD, () -> b.transmit(Protocol.T1.mask(), APDU));
    }

    @Test
    void disconnectWithLeaveDoesNotWaitForAnotherHandlesTransaction() throws Exception {
        b.beginTransaction(Duration.ZERO);
        a.disconnect(Disposition.LEAVE);
        assertFails(ScardCode.E_INVALID_HANDLE, () -> a.transmit(Protocol.T1.mask(), APDU));
        b.transmit(Protocol.T1.mask(), APDU);
    }

    @Test
    void aFailedResetLeavesAMuteCard() throws Exception {
        card.powerFailure = org.jpcscd.api.ifd.IfdResponseCode.ERROR_POWER_ACTION;
        assertFails(ScardCode.W_UNRESPONSIVE_CARD,
                () -> a.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.RESET));
        assertEquals(CardStateBits.PRESENT | CardStateBits.SWALLOWED, harness.find(NAME).orElseThrow().cardState());
        assertFails(ScardCode.W_UNRESPONSIVE_CARD,
                () -> a.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.LEAVE));
    }
}
