package org.jpcscd.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ReaderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The basic path a client takes: list, connect, transmit, status, disconnect. */
class ConnectTransmitTest {
    private static final String NAME = "Test Reader 00 00";
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aReaderWithACardIsListedPoweredWithItsAtr() {
        TestReader reader = TestReader.withCard("Test Reader");
        ReaderStatus status = harness.addReady(reader, NAME);

        assertEquals(0, status.index());
        assertEquals(Harness.DRIVER, status.driver());
        assertEquals(0x34, status.cardState());
        assertArrayEquals(TestSlot.T0_T1_ATR, status.atr());
        assertEquals(0, status.sharing());
        assertNull(status.protocol());
        assertEquals(0, status.eventCounter(), "the card found at start is not an event");
        assertEquals(1, reader.slot().powerUps.get());
    }

    @Test
    void sharedConnectNegotiatesT1AndTransmitsToTheCard() throws Exception {
        TestReader reader = TestReader.withCard("Test Reader");
        harness.addReady(reader, NAME);
        ClientContext context = harness.context();

        CardConnection card = context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);

        assertEquals(Protocol.T1, card.activeProtocol());
        assertEquals(Protocol.T1, reader.slot().protocolsSet.get(0));
        assertTrue(card.handle() > 0);
        assertSame(card, context.connection(card.handle()));
        ReaderStatus status = harness.find(NAME).orElseThrow();
        assertEquals(1, status.sharing());
        assertEquals(Protocol.T1, status.protocol());

        byte[] response = card.transmit(Protocol.T1.mask(), HexFormat.of().parseHex("0102"));
        assertArrayEquals(HexFormat.of().parseHex("01029000"), response);

        assertEquals(CardStateBits.PRESENT | CardStateBits.POWERED | CardStateBits.NEGOTIABLE,
                card.status().cardState());
        assertArrayEquals(TestSlot.T0_T1_ATR, card.status().atr());

        card.disconnect(Disposition.LEAVE);
        assertTrue(context.connections().isEmpty());
        assertEquals(0, harness.find(NAME).orElseThrow().sharing());
        assertEquals(0, harness.rm.liveHandles());
    }

    @Test
    void releasingTheContextTellsContextListeners() throws Exception {
        java.util.List<Integer> counts = new java.util.concurrent.CopyOnWriteArrayList<>();
        harness.rm.bindContextListener(counts::add);
        ClientContext a = harness.context();
        ClientContext b = harness.context();
        assertFalse(a.id() == b.id());
        a.close();
        a.close();
        b.close();
        assertEquals(java.util.List.of(0, 1, 2, 1, 0), counts, "the count when bound, then each change");
        assertFalse(a.isValid());
        assertTrue(harness.rm.contexts().isEmpty());
    }
}
