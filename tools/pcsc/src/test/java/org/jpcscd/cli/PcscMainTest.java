package org.jpcscd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.junit.jupiter.api.Test;

class PcscMainTest {
    @Test
    void hexAsPeopleTypeIt() {
        assertArrayEquals(new byte[] {0x00, (byte) 0xA4, 0x04, 0x00}, Hex.parse("00 a4:04 00"));
        assertEquals("00 A4 04 00", Hex.format(Hex.parse("00A40400")));
        assertThrows(IllegalArgumentException.class, () -> Hex.parse("00A"));
    }

    @Test
    void readersByNumberNameOrUniquePrefix() throws Exception {
        List<String> readers = List.of("Virtual PCD 00 00", "Virtual PCD 00 01", "Gemalto USB 00 00");
        assertEquals("Virtual PCD 00 01", SendCommand.resolve(readers, "1"));
        assertEquals("Gemalto USB 00 00", SendCommand.resolve(readers, "Gem"));
        assertEquals("Virtual PCD 00 00", SendCommand.resolve(readers, "Virtual PCD 00 00"));
        assertEquals(ScardCode.E_UNKNOWN_READER, assertThrows(ScardException.class, () -> SendCommand.resolve(readers, "Virtual")).code());
        assertEquals(ScardCode.E_UNKNOWN_READER, assertThrows(ScardException.class, () -> SendCommand.resolve(readers, "7")).code());
    }

    @Test
    void badHexIsAUsageErrorAndNoDaemonIsExitStatusOne() {
        assertEquals(2, PcscMain.run("--socket", "/nonexistent/pcscd.comm", "--no-auto-start", "send", "0", "00A"));
        assertEquals(1, PcscMain.run("--socket", "/nonexistent/pcscd.comm", "--no-auto-start", "list"));
        assertEquals(2, PcscMain.run("frobnicate"));
    }
}
