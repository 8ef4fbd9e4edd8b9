package org.jpcscd.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.rm.ReaderStatus;
import org.junit.jupiter.api.Test;

class ReaderTableTest {
    private static final byte[] ATR = {0x3B, (byte) 0xFA, 0x18, 0x00};

    @Test
    void noReadersSaysSo() {
        assertEquals("no readers", ReaderTable.format(List.of()));
    }

    @Test
    void readersAreAlignedColumns() {
        ReaderStatus withCard = new ReaderStatus(0, "jpcscd Virtual Reader 00 00", "org.jpcscd.ifd.virtual", 1,
                CardStateBits.PRESENT | CardStateBits.POWERED | CardStateBits.SPECIFIC, 2, ATR, Protocol.T1, false);
        ReaderStatus empty = new ReaderStatus(1, "Gemalto PC Twin Reader 00 01", "org.jpcscd.ccid", 0,
                CardStateBits.ABSENT, 0, new byte[0], null, false);
        ReaderStatus held = new ReaderStatus(2, "X 01 00", "d", 0, CardStateBits.PRESENT, -1, ATR, Protocol.T0, true);

        String expected = ""
                + "#  READER                        DRIVER                  SLOT  CARD  STATE                     PROTOCOL  USE        ATR\n"
                + "0  jpcscd Virtual Reader 00 00   org.jpcscd.ifd.virtual  0     yes   PRESENT|POWERED|SPECIFIC  T=1       2 shared   3B FA 18 00\n"
                + "1  Gemalto PC Twin Reader 00 01  org.jpcscd.ccid         1     no    ABSENT                    -         free       -\n"
                + "2  X 01 00                       d                       0     yes   initialising              T=0       exclusive  3B FA 18 00\n";
        assertEquals(expected, ReaderTable.format(List.of(withCard, empty, held)));
    }

    @Test
    void slotComesFromTheNameSuffix() {
        assertEquals("0", ReaderTable.slot("jpcscd Virtual Reader 00 00"));
        assertEquals("10", ReaderTable.slot("Reader 01 0A"));
        assertEquals("?", ReaderTable.slot("odd name"));
    }
}
