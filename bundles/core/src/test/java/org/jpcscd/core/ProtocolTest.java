package org.jpcscd.core;

import static org.jpcscd.core.Scard.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol negotiation on connect (PHSetProtocol) and the protocol checks of transmit. */
class ProtocolTest {
    private static final String NAME = "Proto 00 00";
    private static final byte[] APDU = {0x00, 0x01};
    private final Harness harness = new Harness();
    private TestReader reader;
    private TestSlot card;
    private ClientContext context;

    @BeforeEach
    void setUp() throws Exception {
        reader = TestReader.withCard("Proto").reportingEvents();
        card = reader.slot();
        context = harness.context();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void start() {
        harness.addReady(reader, NAME);
    }

    @Test
    void t0OnlyWhenTheCallerAsksForT0() throws Exception {
        start();
        CardConnection c = context.connect(NAME, ShareMode.SHARED, Protocol.T0.mask());
        assertEquals(Protocol.T0, c.activeProtocol());
        // Once negotiated, a caller that only accepts T=1 is refused.
        assertFails(ScardCode.E_PROTO_MISMATCH, () -> context.connect(NAME, ShareMode.SHARED, Protocol.T1.mask()));
        // As in pcscd 1.9.9 the legacy "any" bit no longer matches once a protocol is negotiated,
        // but a transmit PCI with it follows whatever the card uses.
        assertFails(ScardCode.E_PROTO_MISMATCH,
                () -> context.connect(NAME, ShareMode.SHARED, Protocol.LEGACY_ANY_MASK));
        c.transmit(Protocol.LEGACY_ANY_MASK, APDU);
        c.transmit(Protocol.T0.mask(), APDU);
        assertFails(ScardCode.E_PROTO_MISMATCH, () -> c.transmit(Protocol.T1.mask(), APDU));
        assertFails(ScardCode.E_PROTO_MISMATCH, () -> c.transmit(Protocol.ANY_MASK, APDU));
    }

    @Test
    void aT0CardRefusesT1() throws Exception {
        card.atr = TestSlot.T0_ATR;
        start();
        assertFails(ScardCode.E_PROTO_MISMATCH, () -> context.connect(NAME, ShareMode.SHARED, Protocol.T1.mask()));
        assertEquals(Protocol.T0, context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK).activeProtocol());
    }

    @Test
    void rawIsTakenAsAskedForEveryone() throws Exception {
        start();
        CardConnection raw = context.connect(NAME, ShareMode.SHARED, Protocol.RAW.mask() | Protocol.T1.mask());
        assertEquals(Protocol.RAW, raw.activeProtocol());
        assertEquals(Protocol.RAW, harness.find(NAME).orElseThrow().protocol());
        assertEquals(List.of(), card.protocolsSet, "no PPS for RAW");
        raw.transmit(Protocol.RAW.mask(), APDU);
        assertFails(ScardCode.E_PROTO_MISMATCH, () -> context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));
    }

    @Test
    void directReturnsWhateverTheCardUses() throws Exception {
        start();
        assertNull(context.connect(NAME, ShareMode.DIRECT, 0).activeProtocol());
        context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        assertEquals(Protocol.T1, context.connect(NAME, ShareMode.DIRECT, 0).activeProtocol());
    }

    @Test
    void aReaderThatChoosesByItselfLeavesTheAtrDefault() throws Exception {
        card.setProtocolFailure = IfdResponseCode.NOT_SUPPORTED;
        start();
        assertEquals(Protocol.T0, context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK).activeProtocol());
    }

    @Test
    void aRefusedT1FallsBackToTheDefaultProtocol() throws Exception {
        card.setProtocolFailure = IfdResponseCode.PROTOCOL_NOT_SUPPORTED;
        start();
        // Both attempts fail here: T=1, then the default T=0, which is all that was left.
        assertFails(ScardCode.W_UNRESPONSIVE_CARD, () -> context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));
        assertNull(harness.find(NAME).orElseThrow().protocol());
        assertEquals(0, harness.rm.liveHandles());
    }

    @Test
    void aFailedPpsIsAnUnresponsiveCard() throws Exception {
        card.setProtocolFailure = IfdResponseCode.ERROR_PTS_FAILURE;
        start();
        assertFails(ScardCode.W_UNRESPONSIVE_CARD, () -> context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));
        card.setProtocolFailure = null;
        assertEquals(Protocol.T1, context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK).activeProtocol());
    }

    @Test
    void driverTransmitErrorsMapAsPcscdMapsThem() throws Exception {
        start();
        CardConnection c = context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        card.transmitFailure = IfdResponseCode.RESPONSE_TIMEOUT;
        assertFails(ScardCode.E_NOT_TRANSACTED, () -> c.transmit(Protocol.T1.mask(), APDU));
        card.transmitFailure = IfdResponseCode.ERROR_INSUFFICIENT_BUFFER;
        assertFails(ScardCode.E_INSUFFICIENT_BUFFER, () -> c.transmit(Protocol.T1.mask(), APDU));
        card.transmitFailure = null;
        card.card = apdu -> {
            throw new IllegalStateException("driver bug");
        };
        assertFails(ScardCode.E_NOT_TRANSACTED, () -> c.transmit(Protocol.T1.mask(), APDU));

        // The card pulled out during an exchange: no card, and the reader shows it at once.
        card.card = apdu -> new byte[] {(byte) 0x90, 0x00};
        card.present = false;
        assertFails(ScardCode.E_NO_SMARTCARD, () -> c.transmit(Protocol.T1.mask(), APDU));
        assertEquals(CardStateBits.ABSENT, harness.find(NAME).orElseThrow().cardState());
        assertFails(ScardCode.E_NO_SMARTCARD, () -> c.transmit(Protocol.T1.mask(), APDU));
        c.disconnect(Disposition.LEAVE);
    }

    @Test
    void aTransmitOnAReaderWhoseDeviceIsGoneMakesTheReaderUnavailable() throws Exception {
        start();
        CardConnection c = context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        card.transmitFailure = IfdResponseCode.NO_SUCH_DEVICE;
        assertFails(ScardCode.E_READER_UNAVAILABLE, () -> c.transmit(Protocol.T1.mask(), APDU));
        assertEquals(CardStateBits.UNKNOWN, harness.find(NAME).orElseThrow().cardState());
        assertFails(ScardCode.E_READER_UNAVAILABLE, () -> c.transmit(Protocol.T1.mask(), APDU));
        assertFails(ScardCode.E_READER_UNAVAILABLE, () -> c.status());
    }
}
