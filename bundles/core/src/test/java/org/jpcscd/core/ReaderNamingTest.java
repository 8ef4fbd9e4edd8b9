package org.jpcscd.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.rm.ReaderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reader names and reader-state entries as pcscd gives them (§7.10, §4.1). */
class ReaderNamingTest {
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private List<String> names() {
        return harness.rm.readers().stream().map(ReaderStatus::name).toList();
    }

    @Test
    void identicalReadersOfOneDriverGetTheLowestFreeInstanceIndex() {
        TestReader first = TestReader.empty("Acme Reader");
        TestReader second = TestReader.empty("Acme Reader");
        TestReader third = TestReader.empty("Acme Reader");
        harness.add(first);
        harness.add(second);
        assertEquals(List.of("Acme Reader 00 00", "Acme Reader 01 00"), names());

        harness.remove(first);
        harness.add(third);
        // Index 00 is free again; the new reader also takes the free entry 0 of the array.
        assertEquals(List.of("Acme Reader 00 00", "Acme Reader 01 00"), names());
        assertEquals(0, harness.find("Acme Reader 00 00").orElseThrow().index());
        assertEquals(1, harness.find("Acme Reader 01 00").orElseThrow().index());
    }

    @Test
    void anotherDriverStartsAtInstanceZero() {
        harness.add(TestReader.empty("Acme Reader"));
        harness.add(TestReader.empty("Acme Reader"), "org.other.driver", Map.of());
        harness.add(TestReader.empty("Other Reader"));
        // pcscd numbers the readers of one driver library whatever their names (RFSetReaderName):
        // a second model served by the same driver is "01", not "00".
        assertEquals(List.of("Acme Reader 00 00", "Acme Reader 00 00", "Other Reader 01 00"), names());
        assertEquals(List.of("org.jpcscd.test.driver", "org.other.driver", "org.jpcscd.test.driver"),
                harness.rm.readers().stream().map(ReaderStatus::driver).toList());
    }

    @Test
    void theFriendlyNameServicePropertyWinsOverTheDriversAnswer() {
        harness.add(TestReader.empty("Ignored"), Harness.DRIVER, Map.of(IfdReader.FRIENDLY_NAME, "Prop Reader"));
        assertEquals(List.of("Prop Reader 00 00"), names());
    }

    @Test
    void eachSlotOfAMultiSlotReaderIsAnEntryWithItsSlotSuffix() {
        harness.add(TestReader.empty("Single"));
        harness.add(new TestReader("Dual", 3, false));
        assertEquals(List.of("Single 00 00", "Dual 01 00", "Dual 01 01", "Dual 01 02"), names());
        assertEquals(List.of(0, 1, 2, 3), harness.rm.readers().stream().map(ReaderStatus::index).toList());
    }

    @Test
    void newReadersTakeTheFirstFreeEntryNotTheEnd() {
        TestReader a = TestReader.empty("A");
        harness.add(a);
        harness.add(TestReader.empty("B"));
        harness.remove(a);
        harness.add(TestReader.empty("C"));
        assertEquals(List.of("C 00 00", "B 01 00"), names(), "array order, not alphabetical or arrival order");
    }

    @Test
    void longNamesAreCutTo121BytesBeforeTheSuffix() {
        String longName = "R".repeat(200);
        harness.add(TestReader.empty(longName));
        String name = names().get(0);
        assertEquals("R".repeat(121) + " 00 00", name);
        assertEquals(127, name.getBytes(StandardCharsets.UTF_8).length, "fits MAX_READERNAME with its NUL");
    }

    @Test
    void cuttingNeverSplitsAMultiByteCharacter() {
        String base = "R".repeat(120) + "é" + "xyz";
        assertEquals("R".repeat(120), ReaderNames.truncateBase(base));
    }

    @Test
    void slotsBeyondTheArrayAreNotAdded() {
        harness.config.readerSlots = 4;
        harness.rm.modified(harness.config);
        harness.add(new TestReader("Big", 3, false));
        harness.add(new TestReader("Second", 3, false));
        assertEquals(List.of("Big 00 00", "Big 00 01", "Big 00 02", "Second 01 00"), names());
        TestReader refused = TestReader.empty("Refused");
        harness.add(refused);
        assertEquals(4, names().size(), "no entry for the refused reader");
    }
}
