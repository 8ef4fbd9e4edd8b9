package org.jpcscd.ifd.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReaderNamesTest {
    private static final String NAME = "jpcscd Virtual Reader";

    @Test
    void indexes() {
        assertEquals(OptionalInt.of(0), ReaderNames.find("0", NAME, 1));
        assertEquals(OptionalInt.of(2), ReaderNames.find(" 2 ", NAME, 3));
        assertEquals(OptionalInt.empty(), ReaderNames.find("3", NAME, 3));
    }

    @Test
    void pcscNamesCarryTheIndexInHex() {
        assertEquals(OptionalInt.of(0), ReaderNames.find("jpcscd Virtual Reader 00 00", NAME, 1));
        assertEquals(OptionalInt.of(10), ReaderNames.find("jpcscd Virtual Reader 0A 00", NAME, 16));
        assertEquals(OptionalInt.empty(), ReaderNames.find("jpcscd Virtual Reader 00 01", NAME, 1), "one slot per reader");
        assertEquals(OptionalInt.empty(), ReaderNames.find("Other Reader 00 00", NAME, 1));
    }

    @Test
    void theBareNameWorksWhenItIsUnambiguous() {
        assertEquals(OptionalInt.of(0), ReaderNames.find(NAME, NAME, 1));
        assertEquals(OptionalInt.empty(), ReaderNames.find(NAME, NAME, 2));
    }

    @Test
    void pcscNameOfAnIndex() {
        assertEquals("jpcscd Virtual Reader 0B 00", ReaderNames.pcscName(NAME, 11));
    }
}
