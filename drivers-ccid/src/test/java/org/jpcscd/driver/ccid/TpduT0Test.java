package org.jpcscd.driver.ccid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.Pps;
import org.jpcscd.ccid.emulator.CcidEmulator;
import org.jpcscd.ccid.emulator.ReaderProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A TPDU-level reader with a T=0 card: the reader handles procedure bytes, 61xx/6Cxx reach the caller. */
class TpduT0Test {
    private final CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu());
    private CcidReader reader;
    private CcidSlot slot;

    @BeforeEach
    void connect() throws Exception {
        emulator.insert(0, Cards.t0());
        reader = new EmulatedReaders().open(emulator);
        slot = reader.slots().get(0);
        slot.powerUp();
        slot.setProtocol(Pps.of(Protocol.T0));
    }

    @AfterEach
    void close() {
        reader.close();
    }

    @Test
    void setsT0Parameters() {
        assertArrayEquals(Cards.hex("11 00 00 0A 00"), emulator.parameters(0));
    }

    @Test
    void caseTwoReturnsTheData() throws Exception {
        byte[] response = slot.transmit(Protocol.T0, Cards.hex("00 84 00 00 04"));
        assertArrayEquals(Cards.hex("00 01 02 03 90 00"), response);
    }

    @Test
    void caseFourGivesSixtyOneThenGetResponseFetchesTheData() throws Exception {
        assertArrayEquals(Cards.hex("61 03"), slot.transmit(Protocol.T0, Cards.hex("00 01 00 00 03 AA BB CC 00")));
        assertArrayEquals(Cards.hex("AA BB CC 90 00"), slot.transmit(Protocol.T0, Cards.hex("00 C0 00 00 03")));
    }

    @Test
    void wrongLengthComesBackAsSixC() throws Exception {
        assertArrayEquals(Cards.hex("6C 10"), slot.transmit(Protocol.T0, Cards.hex("00 02 00 10 08")));
    }

    @Test
    void caseOneTravelsWithPThreeZero() throws Exception {
        assertArrayEquals(Cards.hex("90 00"), slot.transmit(Protocol.T0, Cards.hex("00 A4 04 00")));
        byte[] last = emulator.commands.get(emulator.commands.size() - 1);
        assertEquals(15, last.length, "10-byte header + 5-byte TPDU");
    }
}
