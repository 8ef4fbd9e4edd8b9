package org.jpcscd.driver.ccid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import org.jpcscd.usb.api.UsbDeviceInfo;
import org.junit.jupiter.api.Test;

/** The supported-reader data file and the reader names built from it. */
class SupportedReadersTest {

    @Test
    void bundledListKnowsLibccidsReaders() {
        SupportedReaders readers = SupportedReaders.load();
        assertEquals(Optional.of("Gemalto PC Twin Reader"), readers.name(0x08E6, 0x3437));
        assertEquals(Optional.of("Gemalto Gemplus USB SmartCard Reader 433-Swap"), readers.name(0x08E6, 0x4433));
        assertTrue(readers.size() > 500, "hundreds of readers, as libccid lists them");
        assertFalse(readers.contains(0x1234, 0x5678));
    }

    @Test
    void firstEntryOfAnIdPairWinsAndBadLinesAreRefused() throws IOException {
        SupportedReaders readers = SupportedReaders.parse(new BufferedReader(new StringReader(
                "# comment\n0x0001:0x0002:First & best\n#0x0001:0x0003:Disabled\n0x0001:0x0002:Second\n")));
        assertEquals(Optional.of("First & best"), readers.name(1, 2));
        assertFalse(readers.contains(1, 3));
        assertThrows(IOException.class,
                () -> SupportedReaders.parse(new BufferedReader(new StringReader("0x0001-0x0002 nonsense\n"))));
    }

    @Test
    void namesFollowPcscd() {
        UsbDeviceInfo plain = new UsbDeviceInfo(0x08E6, 0x3437, 0x0200, 0, 0, 0, "Gemalto", "PC Twin", null, 1, 4);
        assertEquals("Gemalto PC Twin Reader", ReaderNames.build("Gemalto PC Twin Reader", plain, null));
        UsbDeviceInfo serial = new UsbDeviceInfo(0x08E6, 0x3437, 0x0200, 0, 0, 0, "Gemalto", "PC Twin", "1234", 1, 4);
        assertEquals("Gemalto PC Twin Reader [CCID Interface] (1234)",
                ReaderNames.build("Gemalto PC Twin Reader", serial, "CCID Interface"));
        assertEquals("Gemalto PC Twin Reader [CCID 1234]",
                ReaderNames.build("Gemalto PC Twin Reader", serial, "CCID 1234"), "serial already in the interface name");
        assertEquals("PC Twin (1234)", ReaderNames.build(null, serial, null), "unlisted: the product string");
        String longName = "x".repeat(200);
        assertEquals(121, ReaderNames.build(longName, plain, null).length(), "room left for \" 00 00\"");
    }
}
