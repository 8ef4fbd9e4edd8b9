package org.jpcscd.ifd.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.ifd.virtual.card.IsolatedCardLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configuration changes and card events of the reader set, with real simulated cards. */
class VirtualReadersTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final IsolatedCardLoader loader = new IsolatedCardLoader(VirtualReadersTest.class.getClassLoader());
    private final AtomicInteger cardsMade = new AtomicInteger();
    private final List<IfdSlot> events = new CopyOnWriteArrayList<>();
    private VirtualReaders readers;

    @BeforeEach
    void start() {
        readers = new VirtualReaders(() -> {
            cardsMade.incrementAndGet();
            return loader.newCard();
        });
    }

    @AfterEach
    void stop() {
        readers.deactivate();
    }

    private VirtualReader reader(int index) {
        VirtualReader reader = readers.readers().get(index);
        reader.setCardEventListener(events::add);
        return reader;
    }

    @Test
    void defaultsPublishOneReaderHoldingACard() throws Exception {
        readers.activate(null, TestConfig.defaults());
        assertEquals(1, readers.readers().size());
        VirtualReader reader = reader(0);
        assertEquals("jpcscd Virtual Reader", reader.friendlyName());
        assertTrue(reader.reportsCardEvents());
        assertTrue(reader.slots().get(0).isCardPresent());
        assertEquals(0, cardsMade.get(), "the simulator is only built when the card is powered");
    }

    @Test
    void growingAddsReadersAtTheEndAndKeepsTheOthers() throws Exception {
        readers.activate(null, TestConfig.defaults());
        VirtualReader first = reader(0);
        first.slot().removeCard();

        readers.modified(TestConfig.defaults().withReaders(3).withCardInserted(false));

        assertEquals(3, readers.readers().size());
        assertSame(first, readers.readers().get(0));
        assertFalse(first.slot().isCardPresent(), "reader 0 keeps its state");
        assertFalse(reader(2).slot().isCardPresent(), "new readers follow card.inserted");
        assertEquals(2, reader(2).slot().readerIndex());
    }

    @Test
    void shrinkingRemovesTheLastReaders() {
        readers.activate(null, TestConfig.defaults().withReaders(3));
        VirtualReader first = reader(0);
        readers.modified(TestConfig.defaults().withReaders(1));
        assertEquals(List.of(first), readers.readers());
        readers.modified(TestConfig.defaults().withReaders(0));
        assertTrue(readers.readers().isEmpty());
    }

    @Test
    void readerCountIsClampedToWhatPcscdCanShow() {
        readers.activate(null, TestConfig.defaults().withReaders(40));
        assertEquals(VirtualReaderConfig.MAX_READERS, readers.readers().size());
        readers.modified(TestConfig.defaults().withReaders(-1));
        assertEquals(0, readers.readers().size());
    }

    @Test
    void cardsAbsentRemovesAndReinsertsCardsWithEvents() throws Exception {
        readers.activate(null, TestConfig.defaults().withReaders(2).withCardsAbsent(0));
        assertFalse(reader(0).slot().isCardPresent());
        assertTrue(reader(1).slot().isCardPresent());

        readers.modified(TestConfig.defaults().withReaders(2).withCardsAbsent(1));
        assertTrue(reader(0).slot().isCardPresent());
        assertFalse(reader(1).slot().isCardPresent());
        assertEquals(2, events.size());
    }

    @Test
    void aMissingCardsAbsentListMeansEveryCardIsIn() throws Exception {
        readers.activate(null, TestConfig.defaults().withCardsAbsent((int[]) null));
        assertTrue(reader(0).slot().isCardPresent());
    }

    @Test
    void unrelatedUpdatesLeaveShellMadeCardStatesAlone() throws Exception {
        readers.activate(null, TestConfig.defaults().withReaders(2));
        reader(1).slot().removeCard();
        readers.modified(TestConfig.defaults().withReaders(3));
        assertFalse(reader(1).slot().isCardPresent());
    }

    @Test
    void renamingRepublishesReadersWithTheirCards() throws Exception {
        readers.activate(null, TestConfig.defaults().withReaders(2));
        VirtualReader before = reader(1);
        before.slot().removeCard();

        readers.modified(TestConfig.defaults().withReaders(2).withName("Test Reader"));

        VirtualReader after = readers.readers().get(1);
        assertEquals("Test Reader", after.friendlyName());
        assertSame(before.slot(), after.slot());
        assertFalse(after.slot().isCardPresent());
        List<IfdSlot> seen = new CopyOnWriteArrayList<>();
        after.setCardEventListener(seen::add);
        after.slot().insertCard();
        assertEquals(List.of(after.slot()), seen, "events go to the listener of the reader now published");
    }

    @Test
    void removingTheCardThrowsItsStateAwayAndInsertingMakesAFreshOne() throws Exception {
        readers.activate(null, TestConfig.defaults());
        VirtualSlot slot = reader(0).slot();
        slot.powerUp();
        slot.warmReset();
        assertEquals(1, cardsMade.get(), "a reset keeps the same card");

        assertTrue(slot.removeCard());
        assertTrue(slot.insertCard());
        slot.powerUp();
        assertEquals(2, cardsMade.get());
        slot.setProtocol(org.jpcscd.api.ifd.Pps.of(Protocol.T1));
        assertArrayEquals(HEX.parseHex("9000"), slot.transmit(Protocol.T1, HEX.parseHex("00A4040008F04A504353434401")));
    }

    @Test
    void findsReadersByIndexOrPcscName() {
        readers.activate(null, TestConfig.defaults().withReaders(2));
        assertSame(readers.readers().get(1), readers.find("1").orElseThrow());
        assertSame(readers.readers().get(1), readers.find("jpcscd Virtual Reader 01 00").orElseThrow());
        assertTrue(readers.find("2").isEmpty());
        assertTrue(readers.find("jpcscd Virtual Reader").isEmpty(), "ambiguous with two readers");
    }

    @Test
    void reinsertingWhatIsAlreadyThereChangesNothing() {
        readers.activate(null, TestConfig.defaults());
        VirtualSlot slot = reader(0).slot();
        assertFalse(slot.insertCard());
        assertTrue(slot.removeCard());
        assertFalse(slot.removeCard());
        assertEquals(1, events.size());
    }
}
