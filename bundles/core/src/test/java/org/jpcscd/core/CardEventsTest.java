package org.jpcscd.core;

import static org.jpcscd.core.Scard.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ReaderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Card insertion and removal, by polling and by driver events, and the states they leave (§4.1). */
class CardEventsTest {
    private static final String NAME = "Events 00 00";
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void pollingSeesInsertionAndRemovalAndCountsThem() {
        TestReader reader = TestReader.empty("Events");
        ReaderStatus empty = harness.addReady(reader, NAME);
        assertEquals(CardStateBits.ABSENT, empty.cardState());
        assertEquals(0, empty.eventCounter());
        assertEquals(0, empty.atr().length);

        reader.slot().present = true;
        ReaderStatus inserted = harness.await(NAME, s -> s.cardPresent());
        assertEquals(0x34, inserted.cardState());
        assertEquals(1, inserted.eventCounter());
        assertArrayEquals(TestSlot.T0_T1_ATR, inserted.atr());

        reader.slot().present = false;
        ReaderStatus removed = harness.await(NAME, s -> !s.cardPresent());
        assertEquals(CardStateBits.ABSENT, removed.cardState());
        assertEquals(2, removed.eventCounter());
        assertEquals(0, removed.atr().length);
        assertNull(removed.protocol());
    }

    @Test
    void aReaderReportingEventsIsNotPolled() throws Exception {
        TestReader reader = TestReader.empty("Events").reportingEvents();
        harness.addReady(reader, NAME);
        int checks = reader.slot().presenceChecks.get();

        reader.setCard(0, true);
        ReaderStatus inserted = harness.await(NAME, ReaderStatus::cardPresent);
        assertEquals(1, inserted.eventCounter());
        // Many polling periods later nobody asked the driver again.
        harness.config.pollingMillis = 10;
        harness.rm.modified(harness.config);
        TestReader polled = TestReader.empty("Polled");
        CountDownLatch tenRounds = new CountDownLatch(10);
        polled.slot().presenceCountdown = tenRounds;
        harness.add(polled);
        assertTrue(tenRounds.await(5, TimeUnit.SECONDS), "the other reader is polled");
        assertEquals(checks + 1, reader.slot().presenceChecks.get());
    }

    @Test
    void aMuteCardIsPresentAndSwallowed() throws Exception {
        TestReader reader = TestReader.empty("Events").reportingEvents();
        harness.addReady(reader, NAME);
        reader.slot().powerFailure = IfdResponseCode.ERROR_POWER_ACTION;
        reader.setCard(0, true);

        ReaderStatus mute = harness.await(NAME, ReaderStatus::cardPresent);
        assertEquals(CardStateBits.PRESENT | CardStateBits.SWALLOWED, mute.cardState());
        assertEquals(0, mute.atr().length);

        ClientContext context = harness.context();
        ScardException e = assertThrows(ScardException.class,
                () -> context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));
        assertEquals(ScardCode.W_UNPOWERED_CARD, e.code());
    }

    @Test
    void aReaderWhoseDeviceIsGoneIsInErrorAndRefusesConnect() throws Exception {
        TestReader reader = TestReader.withCard("Events").reportingEvents();
        harness.addReady(reader, NAME);
        reader.slot().presenceFailure = IfdResponseCode.NO_SUCH_DEVICE;
        reader.setCard(0, true);

        ReaderStatus broken = harness.await(NAME, s -> s.cardState() == CardStateBits.UNKNOWN);
        assertEquals(0, broken.atr().length);
        ClientContext context = harness.context();
        ScardException e = assertThrows(ScardException.class,
                () -> context.connect(NAME, ShareMode.DIRECT, 0));
        assertEquals(ScardCode.E_READER_UNAVAILABLE, e.code());

        // It recovers like pcscd's event thread: the card is seen again as an insertion.
        reader.slot().presenceFailure = null;
        reader.setCard(0, true);
        ReaderStatus back = harness.await(NAME, ReaderStatus::cardPresent);
        assertEquals(0x34, back.cardState());
        assertEquals(1, back.eventCounter());
    }

    @Test
    void aNewReaderIsInitialisingUntilItsFirstPresenceCheckAnswers() throws Exception {
        TestReader reader = TestReader.withCard("Events");
        TestSlot.Block block = new TestSlot.Block();
        reader.slot().presenceBlock = block;
        harness.add(reader);
        block.awaitEntered();

        ReaderStatus status = harness.find(NAME).orElseThrow();
        assertTrue(status.initialising());
        assertEquals(0, status.cardState());

        reader.slot().presenceBlock = null;
        block.release();
        ReaderStatus ready = harness.await(NAME, s -> !s.initialising());
        assertFalse(ready.initialising());
        assertEquals(0x34, ready.cardState());
    }

    @Test
    void everySlotOfAMultiSlotReaderHasItsOwnState() {
        TestReader reader = new TestReader("Multi", 2, false).reportingEvents();
        harness.add(reader);
        harness.await("Multi 00 01", s -> !s.initialising());
        reader.setCard(1, true);
        harness.await("Multi 00 01", ReaderStatus::cardPresent);
        ReaderStatus first = harness.await("Multi 00 00", s -> !s.initialising());
        assertEquals(CardStateBits.ABSENT, first.cardState());
        assertEquals(0, first.eventCounter());
    }

    @Test
    void aReaderStaysInitialisingUntilItsFirstCardIsPowered() throws Exception {
        TestReader reader = TestReader.withCard("Events");
        TestSlot.Block powering = new TestSlot.Block();
        reader.slot().powerBlock = powering;
        harness.add(reader);
        powering.awaitEntered();

        // pcscd shows READER_NOT_INITIALIZED until its first round is done: a client must not see
        // a listed reader with neither a card nor "no card" meanwhile, nor be refused a connect.
        ReaderStatus meanwhile = harness.find(NAME).orElseThrow();
        assertTrue(meanwhile.initialising(), "still initialising while the card powers up: " + meanwhile);

        powering.release();
        ReaderStatus ready = harness.await(NAME, s -> !s.initialising());
        assertEquals(0x34, ready.cardState());
    }

    @Test
    void aCardThatVanishedDuringAnExchangeButIsBackIsSeenAgain() throws Exception {
        TestReader reader = TestReader.withCard("Events").reportingEvents();
        harness.addReady(reader, NAME);
        ClientContext context = harness.context();
        var card = context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        reader.slot().transmitFailure = IfdResponseCode.ICC_NOT_PRESENT;
        assertFails(ScardCode.E_NO_SMARTCARD, () -> card.transmit(Protocol.T1.mask(), new byte[] {0x00}));
        assertEquals(CardStateBits.ABSENT, harness.find(NAME).orElseThrow().cardState());

        // The contact bounced: the driver reports the card again before any round saw it gone.
        reader.slot().transmitFailure = null;
        reader.setCard(0, true);

        ReaderStatus back = harness.await(NAME, s -> s.cardPresent());
        assertEquals(0x34, back.cardState());
        assertEquals(2, back.eventCounter(), "counted as a removal and an insertion");
        assertFails(ScardCode.W_REMOVED_CARD, () -> card.transmit(Protocol.T1.mask(), new byte[] {0x00}));
    }
}
