package org.jpcscd.core;

import static org.jpcscd.core.Scard.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reader that goes away, and a reader that hangs: neither may hurt anyone else. */
class ReaderRemovalTest {
    private static final byte[] APDU = {0x00, 0x01};
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void handlesOnARemovedReaderAnswerInvalidValueButDisconnectSucceeds() throws Exception {
        TestReader reader = TestReader.withCard("Gone").reportingEvents();
        harness.addReady(reader, "Gone 00 00");
        ClientContext context = harness.context();
        CardConnection card = context.connect("Gone 00 00", ShareMode.SHARED, Protocol.ANY_MASK);
        card.beginTransaction(Duration.ZERO);

        harness.remove(reader);

        assertTrue(harness.find("Gone 00 00").isEmpty());
        assertFails(ScardCode.E_INVALID_VALUE, () -> card.transmit(Protocol.T1.mask(), APDU));
        assertFails(ScardCode.E_INVALID_VALUE, () -> card.status());
        assertFails(ScardCode.E_INVALID_VALUE, () -> card.control(0x42000001, new byte[0]));
        assertFails(ScardCode.E_INVALID_VALUE, () -> card.beginTransaction(Duration.ZERO));
        assertFails(ScardCode.E_INVALID_VALUE, () -> card.endTransaction(Disposition.LEAVE));
        assertFails(ScardCode.E_INVALID_VALUE, () -> card.getAttribute(org.jpcscd.api.Attribute.ATR_STRING));
        assertFails(ScardCode.E_INVALID_VALUE,
                () -> card.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.LEAVE));
        assertEquals(1, context.connections().size(), "the handle stays the client's until it disconnects");
        card.disconnect(Disposition.RESET);
        assertTrue(context.connections().isEmpty());
        assertEquals(0, harness.rm.liveHandles());
        assertFails(ScardCode.E_UNKNOWN_READER, () -> context.connect("Gone 00 00", ShareMode.DIRECT, 0));
        context.close();
    }

    @Test
    void callersWaitingOnAReaderAreReleasedWhenItGoes() throws Exception {
        TestReader reader = TestReader.withCard("Gone").reportingEvents();
        harness.addReady(reader, "Gone 00 00");
        CardConnection holder = harness.context().connect("Gone 00 00", ShareMode.SHARED, Protocol.ANY_MASK);
        CardConnection waiter = harness.context().connect("Gone 00 00", ShareMode.SHARED, Protocol.ANY_MASK);
        CardConnection resetter = harness.context().connect("Gone 00 00", ShareMode.SHARED, Protocol.ANY_MASK);
        holder.beginTransaction(Duration.ZERO);
        Background<Boolean> begin = Background.run(() -> {
            waiter.beginTransaction(Duration.ofSeconds(30));
            return true;
        }).awaitParked();
        Background<Boolean> disconnect = Background.run(() -> {
            resetter.disconnect(Disposition.RESET);
            return true;
        }).awaitParked();

        harness.remove(reader);

        assertEquals(ScardCode.E_INVALID_VALUE, begin.failure());
        assertTrue(disconnect.get(), "a disconnect of a removed reader's handle succeeds");
        Background.eventually(() -> reader.listener == null, "the driver is told to drop the listener");
    }

    @Test
    void aStuckReaderBlocksOnlyItsOwnCallers() throws Exception {
        TestReader stuck = TestReader.withCard("Stuck").reportingEvents();
        TestReader fine = TestReader.withCard("Fine").reportingEvents();
        harness.addReady(stuck, "Stuck 00 00");
        // The second reader of one driver is instance 01 whatever its name (§7.10).
        harness.addReady(fine, "Fine 01 00");
        ClientContext context = harness.context();
        CardConnection onStuck = context.connect("Stuck 00 00", ShareMode.SHARED, Protocol.ANY_MASK);
        CardConnection onFine = context.connect("Fine 01 00", ShareMode.SHARED, Protocol.ANY_MASK);
        TestSlot.Block block = new TestSlot.Block();
        stuck.slot().transmitBlock = block;

        Background<byte[]> hanging = Background.run(() -> onStuck.transmit(Protocol.T1.mask(), APDU));
        block.awaitEntered();

        // Other readers, the reader list, state changes and the stuck reader's state all answer.
        assertArrayEquals(new byte[] {0x00, 0x01, (byte) 0x90, 0x00}, onFine.transmit(Protocol.T1.mask(), APDU));
        assertEquals(2, harness.rm.readers().size());
        long generation = harness.rm.stateGeneration();
        CompletableFuture<Long> change = harness.rm.awaitStateChange(generation);
        fine.setCard(0, false);
        assertTrue(change.get(5, TimeUnit.SECONDS) > generation);
        onStuck.status();
        ClientContext another = harness.context();
        another.connect("Fine 01 00", ShareMode.DIRECT, 0);

        // A second caller of the stuck reader waits for its driver...
        CardConnection second = another.connect("Stuck 00 00", ShareMode.DIRECT, 0);
        Background<byte[]> queued = Background.run(() -> second.control(0x42000001, new byte[0])).awaitParked();

        // ...and unbinding the reader neither waits for the driver nor leaves that caller hanging.
        harness.remove(stuck);
        assertEquals(ScardCode.E_INVALID_VALUE, queued.failure());
        assertTrue(harness.find("Stuck 00 00").isEmpty());
        assertFalse(hanging.isDone());
        block.release();
        hanging.get();
        assertFails(ScardCode.E_INVALID_VALUE, () -> onStuck.transmit(Protocol.T1.mask(), APDU));
        onStuck.disconnect(Disposition.LEAVE);
    }

    @Test
    void independentSlotsDoNotWaitForEachOther() throws Exception {
        TestReader reader = new TestReader("Twin", 2, true).reportingEvents();
        reader.independent = true;
        harness.add(reader);
        harness.await("Twin 00 01", s -> !s.initialising());
        harness.await("Twin 00 00", s -> !s.initialising());
        ClientContext context = harness.context();
        CardConnection slot0 = context.connect("Twin 00 00", ShareMode.SHARED, Protocol.ANY_MASK);
        CardConnection slot1 = context.connect("Twin 00 01", ShareMode.SHARED, Protocol.ANY_MASK);
        TestSlot.Block block = new TestSlot.Block();
        reader.slots.get(0).transmitBlock = block;
        Background<byte[]> hanging = Background.run(() -> slot0.transmit(Protocol.T1.mask(), APDU));
        block.awaitEntered();
        slot1.transmit(Protocol.T1.mask(), APDU);
        block.release();
        hanging.get();
    }

    @Test
    void slotsOfAReaderThatIsNotThreadSafeShareOneDriver() throws Exception {
        TestReader reader = new TestReader("Serial", 2, true).reportingEvents();
        harness.add(reader);
        harness.await("Serial 00 01", s -> !s.initialising());
        harness.await("Serial 00 00", s -> !s.initialising());
        ClientContext context = harness.context();
        CardConnection slot0 = context.connect("Serial 00 00", ShareMode.SHARED, Protocol.ANY_MASK);
        CardConnection slot1 = context.connect("Serial 00 01", ShareMode.SHARED, Protocol.ANY_MASK);
        TestSlot.Block block = new TestSlot.Block();
        reader.slots.get(0).transmitBlock = block;
        Background<byte[]> hanging = Background.run(() -> slot0.transmit(Protocol.T1.mask(), APDU));
        block.awaitEntered();
        Background<byte[]> waiting = Background.run(() -> slot1.transmit(Protocol.T1.mask(), APDU)).awaitParked();
        assertEquals(0, reader.slots.get(1).transmits.get());
        block.release();
        hanging.get();
        waiting.get();
        assertEquals(1, reader.slots.get(1).transmits.get());
    }

    @Test
    void aReaderUnboundWhileTakingItsListenerIsToldToDropIt() throws Exception {
        TestSlot.Block installing = new TestSlot.Block();
        TestReader reader = TestReader.empty("Racing").reportingEvents();
        reader.listenerBlock = installing;
        Background<Void> binding = Background.run(() -> {
            harness.add(reader);
            return null;
        });
        installing.awaitEntered();

        harness.remove(reader);
        installing.release();
        binding.get();

        Background.eventually(() -> reader.listener == null,
                "the driver kept the listener of a reader the core no longer has");
    }

    @Test
    void stoppingTheCoreDoesNotInterruptADriverCallInFlight() throws Exception {
        TestReader reader = TestReader.empty("Busy").reportingEvents();
        harness.addReady(reader, "Busy 00 00");
        TestSlot.Block checking = new TestSlot.Block();
        reader.slot().presenceBlock = checking;
        reader.setCard(0, true);
        checking.awaitEntered();

        // An interrupt inside a driver can break it for good (an interruptible channel closes), and
        // the driver outlives this core: a core update must not do that.
        harness.close();
        checking.release();

        Background.eventually(() -> reader.slot().interruptedInPresence != null, "the presence check never returned");
        assertFalse(reader.slot().interruptedInPresence, "the driver call was interrupted");
    }
}
