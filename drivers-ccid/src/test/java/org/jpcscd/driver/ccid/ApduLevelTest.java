package org.jpcscd.driver.ccid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.Pps;
import org.jpcscd.ccid.emulator.CcidEmulator;
import org.jpcscd.ccid.emulator.ReaderProfile;
import org.jpcscd.ccid.emulator.SimCard;
import org.junit.jupiter.api.Test;

/** Short and extended APDU level readers: whole APDUs travel, chained when too long. */
class ApduLevelTest {

    @Test
    void shortApduReaderDoesGetResponseItself() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.shortApdu());
        emulator.insert(0, Cards.t0());
        CcidReader reader = new EmulatedReaders().open(emulator);
        try {
            CcidSlot slot = reader.slots().get(0);
            slot.powerUp();
            slot.setProtocol(Pps.of(Protocol.T0));
            assertArrayEquals(Cards.okWith(SimCard.pattern(5)), slot.transmit(Protocol.T0, Cards.echo(5)));
            assertArrayEquals(Cards.okWith(SimCard.pattern(256)),
                    slot.transmit(Protocol.T0, Cards.hex("00 02 01 00 00")));
            IfdException tooLong = assertThrows(IfdException.class,
                    () -> slot.transmit(Protocol.T0, Cards.extendedEcho(300)));
            assertEquals(IfdResponseCode.COMMUNICATION_ERROR, tooLong.code());
        } finally {
            reader.close();
        }
    }

    @Test
    void extendedApduReaderChainsBothWays() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.extendedApdu());
        emulator.insert(0, Cards.t1());
        CcidReader reader = new EmulatedReaders().open(emulator);
        try {
            CcidSlot slot = reader.slots().get(0);
            slot.powerUp();
            slot.setProtocol(Pps.of(Protocol.T1));
            long before = emulator.count(0x6F);
            byte[] response = slot.transmit(Protocol.T1, Cards.extendedEcho(1000));
            assertArrayEquals(Cards.okWith(SimCard.pattern(1000)), response);
            // 1009 bytes out in pieces of 261, 1002 back in pieces of 261: 4 + 3 extra messages.
            assertEquals(7, emulator.count(0x6F) - before);
            assertArrayEquals(Cards.okWith(SimCard.pattern(3)), slot.transmit(Protocol.T1, Cards.echo(3)));
        } finally {
            reader.close();
        }
    }

    @Test
    void t1CardAskingForCrcGetsCrcBlocks() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu());
        // TD2 = 0x71: TA3 (IFSC 32), TB3, TC3 = 01 (CRC) for T=1.
        emulator.insert(0, new SimCard(Cards.withTck("3B 80 81 71 20 45 01")));
        CcidReader reader = new EmulatedReaders().open(emulator);
        try {
            CcidSlot slot = reader.slots().get(0);
            slot.powerUp();
            slot.setProtocol(Pps.of(Protocol.T1));
            assertEquals(0x11, emulator.parameters(0)[1], "bmTCCKST1 says CRC");
            assertArrayEquals(Cards.okWith(SimCard.pattern(300)), slot.transmit(Protocol.T1, Cards.hex("00 02 01 2C 00")));
        } finally {
            reader.close();
        }
    }

    @Test
    void negotiatesTheCardsSpeedWithPps() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu().withDataRates(10752, 250000, 344086));
        emulator.insert(0, new SimCard(Cards.T0_T1_FAST_ATR));
        CcidReader reader = new EmulatedReaders().open(emulator);
        try {
            CcidSlot slot = reader.slots().get(0);
            slot.powerUp();
            slot.setProtocol(Pps.of(Protocol.T1));
            boolean ppsSent = emulator.commands.stream()
                    .anyMatch(c -> c.length == 14 && (c[0] & 0xFF) == 0x6F && (c[10] & 0xFF) == 0xFF
                            && c[11] == 0x11 && (c[12] & 0xFF) == 0x96);
            assertTrue(ppsSent, "PPS FF 11 96 78 went to the card");
            assertEquals((byte) 0x96, emulator.parameters(0)[0], "SetParameters uses the negotiated Fi/Di");
            assertArrayEquals(Cards.okWith(SimCard.pattern(2)), slot.transmit(Protocol.T1, Cards.echo(2)));
        } finally {
            reader.close();
        }
    }

    @Test
    void explicitPpsOneIsSentAsAsked() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu());
        emulator.insert(0, new SimCard(Cards.T0_T1_FAST_ATR));
        CcidReader reader = new EmulatedReaders().open(emulator);
        try {
            CcidSlot slot = reader.slots().get(0);
            slot.powerUp();
            slot.setProtocol(new Pps(Protocol.T1, 0x94, -1, -1));
            boolean ppsSent = emulator.commands.stream()
                    .anyMatch(c -> c.length == 14 && (c[0] & 0xFF) == 0x6F && (c[10] & 0xFF) == 0xFF
                            && c[11] == 0x11 && (c[12] & 0xFF) == 0x94 && (c[13] & 0xFF) == (0xFF ^ 0x11 ^ 0x94));
            assertTrue(ppsSent, "PPS FF 11 94 PCK went to the card");
            assertEquals((byte) 0x94, emulator.parameters(0)[0]);
        } finally {
            reader.close();
        }
    }

    @Test
    void staysAtDefaultSpeedWhenTheReaderCannotGoFaster() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu().withDataRates(10752));
        emulator.insert(0, new SimCard(Cards.T0_T1_FAST_ATR));
        CcidReader reader = new EmulatedReaders().open(emulator);
        try {
            CcidSlot slot = reader.slots().get(0);
            slot.powerUp();
            slot.setProtocol(Pps.of(Protocol.T1));
            assertEquals(0x11, emulator.parameters(0)[0]);
        } finally {
            reader.close();
        }
    }
}
