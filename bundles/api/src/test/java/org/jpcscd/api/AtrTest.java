package org.jpcscd.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AtrTest {
    private static Atr atr(String hex) throws ScardException {
        return Atr.parse(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void vpcdDefaultCardOffersT0ThenT1() throws ScardException {
        // The ATR of vsmartcard's default virtual card: TD1 names T=0, TD2 names T=1, no historical bytes.
        Atr a = atr("3B 80 80 01 01");
        assertEquals(EnumSet.of(Protocol.T0, Protocol.T1), a.protocols());
        assertEquals(Protocol.T0, a.defaultProtocol());
        assertArrayEquals(new byte[0], a.historicalBytes());
        assertTrue(a.hasTck());
        assertTrue(a.tckValid());
    }

    @Test
    void javaCardT1AtrGivesIfscAndFiDi() throws ScardException {
        // JCOP-style: TA1=96 (Fi 512, Di 32), TC1, TD1 T=1, TD2 T=1 with IFSC 0xFE and BWI/CWI 0x45,
        // twelve historical bytes.
        String body = "DC 96 80 81 31 FE 45 80 31 B8 73 86 01 E0 81 05 22 4A 43";
        Atr a = atr("3B " + body + " " + tck(body));
        assertEquals(0x96, a.fiDi());
        assertEquals(0xFE, a.ifsc());
        assertEquals(0x45, a.t1BlockWaitingByte());
        assertEquals(EnumSet.of(Protocol.T1), a.protocols());
        assertEquals(12, a.historicalBytes().length);
    }

    @Test
    void t0OnlyCardHasNoTck() throws ScardException {
        // A German health insurance card: TS 3B, T0 with TA1 (Fi/Di 0x13), TC1 0xFF guard time, T=0.
        Atr a = atr("3B 9F 96 80 1F C6 80 31 E0 73 FE 21 1B 63 3A 20 4E 83 00 90 00 31");
        // TD2 names T=15 (global bytes), which is not a transmission protocol but still needs a TCK.
        assertEquals(EnumSet.of(Protocol.T0), a.protocols());
        assertEquals(Protocol.T0, a.defaultProtocol());
        assertTrue(a.hasTck());
        assertEquals(15, a.historicalBytes().length);

        Atr plain = atr("3B 02 14 50");
        assertEquals(EnumSet.of(Protocol.T0), plain.protocols());
        assertFalse(plain.hasTck());
        assertArrayEquals(new byte[] {0x14, 0x50}, plain.historicalBytes());
        assertEquals(0x11, plain.fiDi());
        assertEquals(Atr.DEFAULT_IFSC, plain.ifsc());
    }

    @Test
    void extraGuardTimeAndSpecificMode() throws ScardException {
        // TD1=90: TA2 and TD2 follow, T=0; TA2=01: specific mode, T=1; TD2=11: TA3 follows, T=1;
        // TA3=51 is the IFSC; one historical byte.
        Atr a = atr("3B D1 13 FF 90 01 11 51 00 " + tck("D1 13 FF 90 01 11 51 00"));
        assertEquals(0xFF, a.extraGuardTime());
        assertEquals(Protocol.T1, a.specificModeProtocol().orElseThrow());
        assertEquals(0x51, a.ifsc());
    }

    @Test
    void badTckIsReportedButParses() throws ScardException {
        Atr a = atr("3B 80 80 01 02");
        assertFalse(a.tckValid());
    }

    @Test
    void malformedAtrsAreRejectedWithInvalidAtr() {
        for (String bad : new String[] {"", "3B", "00 00", "3B 8F 80 01", "3B 02 14", "3B 02 14 50 00", "3B 80 80 01"}) {
            ScardException e = assertThrows(ScardException.class, () -> atr(bad), bad);
            assertEquals(ScardCode.E_INVALID_ATR, e.code());
        }
        assertThrows(ScardException.class, () -> Atr.parse(new byte[34]));
    }

    private static String tck(String hex) {
        int x = 0;
        for (byte b : HexFormat.of().parseHex(hex.replace(" ", ""))) {
            x ^= b & 0xFF;
        }
        return String.format("%02X", x);
    }
}
