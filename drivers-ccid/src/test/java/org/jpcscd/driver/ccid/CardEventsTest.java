package org.jpcscd.driver.ccid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.Pps;
import org.jpcscd.ccid.emulator.CcidEmulator;
import org.jpcscd.ccid.emulator.ReaderProfile;
import org.jpcscd.ccid.emulator.SimCard;
import org.junit.jupiter.api.Test;

/** NotifySlotChange on the interrupt pipe, two slots, a card missing, a reader pulled out. */
class CardEventsTest {
    private final EmulatedReaders readers = new EmulatedReaders();

    @Test
    void insertionAndRemovalArriveAsEventsWithoutPolling() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu());
        CcidReader reader = readers.open(emulator);
        try {
            assertTrue(reader.reportsCardEvents());
            List<Integer> events = new CopyOnWriteArrayList<>();
            reader.setCardEventListener(slot -> events.add(slot.index()));
            long statusBefore = emulator.count(0x65);
            int readsBefore = emulator.interruptReads.get();
            EmulatedReaders.await("the event thread to wait on the pipe twice",
                    () -> emulator.interruptReads.get() >= readsBefore + 2);
            assertEquals(statusBefore, emulator.count(0x65), "no GetSlotStatus while nothing happens");

            emulator.insert(0, Cards.t1());
            EmulatedReaders.await("the insertion event", () -> events.size() == 1);
            assertTrue(reader.slots().get(0).isCardPresent());

            emulator.remove(0);
            EmulatedReaders.await("the removal event", () -> events.size() == 2);
            assertFalse(reader.slots().get(0).isCardPresent());
            assertEquals(List.of(0, 0), events);
        } finally {
            reader.close();
        }
    }

    @Test
    void twoSlotsAreIndependentCardHolders() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu().withSlots(2));
        CcidReader reader = readers.open(emulator);
        try {
            assertEquals(2, reader.slots().size());
            List<Integer> events = new CopyOnWriteArrayList<>();
            reader.setCardEventListener(slot -> events.add(slot.index()));
            emulator.insert(1, Cards.t1());
            EmulatedReaders.await("the event for slot 1", () -> !events.isEmpty());
            assertEquals(List.of(1), events, "only the slot whose bit changed is signalled");

            CcidSlot first = reader.slots().get(0);
            CcidSlot second = reader.slots().get(1);
            assertFalse(first.isCardPresent());
            assertTrue(second.isCardPresent());
            IfdException noCard = assertThrows(IfdException.class, first::powerUp);
            assertEquals(IfdResponseCode.ICC_NOT_PRESENT, noCard.code());

            second.powerUp();
            second.setProtocol(Pps.of(Protocol.T1));
            assertArrayEquals(Cards.okWith(SimCard.pattern(7)), second.transmit(Protocol.T1, Cards.echo(7)));

            emulator.insert(0, Cards.t0());
            EmulatedReaders.await("the event for slot 0", () -> events.size() == 2);
            assertEquals(0, events.get(1));
            first.powerUp();
            first.setProtocol(Pps.of(Protocol.T0));
            assertArrayEquals(Cards.hex("00 01 90 00"), first.transmit(Protocol.T0, Cards.hex("00 84 00 00 02")));
        } finally {
            reader.close();
        }
    }

    @Test
    void hardwareErrorWakesTheCoreForThatSlot() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu().withSlots(2));
        CcidReader reader = readers.open(emulator);
        try {
            List<Integer> events = new CopyOnWriteArrayList<>();
            reader.setCardEventListener(slot -> events.add(slot.index()));
            emulator.hardwareError(1);
            EmulatedReaders.await("the event for slot 1", () -> !events.isEmpty());
            assertEquals(List.of(1), events, "the core re-checks the slot that reported the error");
        } finally {
            reader.close();
        }
    }

    @Test
    void powerUpWithoutACardSaysNoCard() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.shortApdu());
        CcidReader reader = readers.open(emulator);
        try {
            IfdException e = assertThrows(IfdException.class, () -> reader.slots().get(0).powerUp());
            assertEquals(IfdResponseCode.ICC_NOT_PRESENT, e.code());
        } finally {
            reader.close();
        }
    }

    @Test
    void readerPulledOutMidApduFailsWithNoSuchDevice() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu());
        emulator.insert(0, Cards.t1());
        CcidReader reader = readers.open(emulator);
        try {
            CcidSlot slot = reader.slots().get(0);
            slot.powerUp();
            slot.setProtocol(Pps.of(Protocol.T1));
            emulator.unplugOnNextXfr = true;
            IfdException e = assertThrows(IfdException.class, () -> slot.transmit(Protocol.T1, Cards.echo(4)));
            assertEquals(IfdResponseCode.NO_SUCH_DEVICE, e.code());
            EmulatedReaders.await("the event thread to report the device gone", () -> readers.goneCalls.get() == 1);
            IfdException after = assertThrows(IfdException.class, slot::isCardPresent);
            assertEquals(IfdResponseCode.NO_SUCH_DEVICE, after.code());
        } finally {
            reader.close();
        }
    }

    @Test
    void readerWithoutInterruptPipeLeavesPollingToTheCore() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu().withoutInterruptPipe());
        CcidReader reader = readers.open(emulator);
        try {
            assertFalse(reader.reportsCardEvents());
            assertFalse(reader.slots().get(0).isCardPresent());
            emulator.insert(0, Cards.t1());
            assertTrue(reader.slots().get(0).isCardPresent());
        } finally {
            reader.close();
        }
    }
}
