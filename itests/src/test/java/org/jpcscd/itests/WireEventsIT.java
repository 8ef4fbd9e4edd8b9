package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.ScardCode;
import org.jpcscd.wire.Command;
import org.jpcscd.wire.HandleStruct;
import org.jpcscd.wire.ReaderStateEntry;
import org.jpcscd.wire.SignalStruct;
import org.jpcscd.wire.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WAIT / STOP / signal / CANCEL: after a WAIT exactly one 8-byte message arrives — the event signal,
 * the cancel signal or the STOP reply.
 */
class WireEventsIT {
    static final Duration EVENT_DEADLINE = Duration.ofSeconds(10);
    static Daemon daemon;

    @BeforeAll
    static void start() throws IOException {
        daemon = Daemon.start("events");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        daemon.close();
    }

    @AfterEach
    void oneReaderWithACard() throws IOException {
        daemon.virtualReaders(1, List.of());
        try (RawClient c = RawClient.established(daemon.socket)) {
            Deadline.await(EVENT_DEADLINE, () -> {
                try {
                    List<ReaderStateEntry> states = c.readersState();
                    return states.get(1).name().isEmpty()
                            && (RawClient.entry(states, Daemon.READER).readerState() & CardStateBits.PRESENT) != 0;
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }, () -> "the readers never came back to one reader with a card");
        }
    }

    static RawClient waiting() throws IOException {
        RawClient c = RawClient.established(daemon.socket);
        c.waitForChange();
        return c;
    }

    @Test
    void stopAnswersOnceAndThenNothing() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            List<ReaderStateEntry> dump = c.waitForChange();
            assertEquals(Daemon.READER, dump.get(0).name());
            c.sendStop();
            SignalStruct reply = c.readSignal();
            assertEquals(new SignalStruct(0, 0), reply);
            c.sendStop();
            // Nothing came for the second STOP: the next bytes are the dump of this request.
            assertEquals(Daemon.READER, c.readersState().get(0).name());
        }
    }

    @Test
    void anotherClientsConnectSignalsTheWaiterOnceAndStopIsThenSilent() throws IOException {
        try (RawClient waiter = waiting(); RawClient other = RawClient.established(daemon.socket)) {
            int card = other.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            assertEquals(new SignalStruct(0, 0), waiter.readSignal());
            waiter.sendStop();
            assertTrue(waiter.silentFor(Duration.ofMillis(300)), "no second message");
            other.disconnect(card, 0);
        }
    }

    @Test
    void cancelFromAHandshakeLessConnectionWakesTheWaiter() throws IOException {
        try (RawClient waiter = waiting(); RawClient canceller = new RawClient(daemon.socket)) {
            canceller.send(Command.CANCEL, new HandleStruct(waiter.context(), 0));
            assertEquals(new HandleStruct(waiter.context(), 0), HandleStruct.read(canceller.readBuffer(8)));
            assertEquals(new SignalStruct(0, ScardCode.E_CANCELLED.value()), waiter.readSignal());
            waiter.sendStop();
            assertTrue(waiter.silentFor(Duration.ofMillis(300)), "STOP after a cancel gets no answer");
        }
    }

    @Test
    void cardRemovalAndInsertionSignalAndShowInTheState() throws IOException {
        try (RawClient holder = RawClient.established(daemon.socket)) {
            int card = holder.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            int counter = RawClient.entry(holder.readersState(), Daemon.READER).eventCounter();
            try (RawClient waiter = waiting()) {
                daemon.virtualReaders(1, List.of(0));
                assertEquals(new SignalStruct(0, 0), waiter.readSignal());
                ReaderStateEntry absent = awaitEntry(waiter, e -> (e.readerState() & CardStateBits.ABSENT) != 0);
                assertEquals(0, absent.atrLength());
                assertTrue(absent.eventCounter() > counter, "removal counted");
                assertEquals(ScardCode.W_REMOVED_CARD.value(), holder.status(card).rv());
                assertEquals(0, holder.disconnect(card, 0).rv(), "disconnect after removal succeeds");
            }
            try (RawClient waiter = waiting()) {
                daemon.virtualReaders(1, List.of());
                assertEquals(new SignalStruct(0, 0), waiter.readSignal());
                ReaderStateEntry present = awaitEntry(waiter, e -> (e.readerState() & CardStateBits.PRESENT) != 0);
                assertEquals(WireProtocolIT.ATR.length, present.atrLength());
            }
        }
    }

    @Test
    void aReaderConfiguredAtRuntimeAppearsInTheNextSlot() throws IOException {
        try (RawClient waiter = waiting()) {
            daemon.virtualReaders(2, List.of());
            assertEquals(new SignalStruct(0, 0), waiter.readSignal());
            Deadline.await(EVENT_DEADLINE, () -> {
                try {
                    return waiter.readersState().get(1).name().equals(Daemon.SECOND_READER);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }, () -> "second reader never appeared");
        }
    }

    @Test
    void protocolFourFiveCountsReaderArrivals() throws IOException {
        try (RawClient c = new RawClient(daemon.socket)) {
            assertEquals(5, c.version(4, 5).minor());
            c.establish(RawClient.SCOPE_SYSTEM);
            int before = readerEvents(c);
            assertTrue(before >= 1);
            c.waitForChange();
            daemon.virtualReaders(2, List.of());
            assertEquals(new SignalStruct(0, 0), c.readSignal());
            Deadline.await(EVENT_DEADLINE, () -> {
                try {
                    return readerEvents(c) > before;
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }, () -> "reader-events counter never moved");
        }
    }

    @Test
    void protocolFourSixRegistersWithoutADumpAndSizesTheArray() throws IOException {
        try (RawClient c = new RawClient(daemon.socket); RawClient other = RawClient.established(daemon.socket)) {
            assertEquals(6, c.version(4, 6).minor());
            c.establish(RawClient.SCOPE_SYSTEM);
            c.send(Command.WAIT_READER_STATE_CHANGE, null);
            assertTrue(c.silentFor(Duration.ofMillis(200)), "4.6 WAIT sends nothing");
            // A change now must not overtake the SIZE and ARRAY replies.
            int card = other.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            c.send(Command.GET_READERS_STATE_SIZE, null);
            int size = c.readBuffer(4).getInt();
            assertEquals(Wire.MAX_READERS_CONTEXTS, size);
            c.send(Command.GET_READERS_STATE_ARRAY, null);
            List<ReaderStateEntry> states = ReaderStateEntry.readArray(c.readBuffer(size * ReaderStateEntry.SIZE), size);
            assertEquals(Daemon.READER, states.get(0).name());
            assertEquals(new SignalStruct(0, 0), c.readSignal());
            other.disconnect(card, 0);
        }
    }

    static int readerEvents(RawClient c) throws IOException {
        c.send(Command.GET_READER_EVENTS, null);
        SignalStruct reply = c.readSignal();
        assertEquals(0, reply.rv());
        return reply.value();
    }

    static ReaderStateEntry awaitEntry(RawClient c, java.util.function.Predicate<ReaderStateEntry> condition) {
        ReaderStateEntry[] found = new ReaderStateEntry[1];
        Deadline.await(EVENT_DEADLINE, () -> {
            try {
                found[0] = RawClient.entry(c.readersState(), Daemon.READER);
                return condition.test(found[0]);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, () -> "reader state never matched, last " + found[0]);
        return found[0];
    }
}
