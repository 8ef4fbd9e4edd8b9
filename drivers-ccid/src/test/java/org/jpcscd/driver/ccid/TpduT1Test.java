package org.jpcscd.driver.ccid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.Pps;
import org.jpcscd.ccid.emulator.CcidEmulator;
import org.jpcscd.ccid.emulator.ReaderProfile;
import org.jpcscd.ccid.emulator.SimCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A TPDU-level reader with a T=1 card: the driver runs the block protocol. */
class TpduT1Test {
    private final CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu());
    private CcidReader reader;
    private CcidSlot slot;

    @BeforeEach
    void connect() throws Exception {
        emulator.insert(0, Cards.t1());
        reader = new EmulatedReaders().open(emulator);
        slot = reader.slots().get(0);
        assertArrayEquals(Cards.T1_ATR, slot.powerUp());
        slot.setProtocol(Pps.of(Protocol.T1));
    }

    @AfterEach
    void close() {
        reader.close();
    }

    @Test
    void setsParametersFromTheAtrAndNegotiatesIfsd() {
        // Fi/Di default, LRC, no guard time, TB3 = 0x45, IFSC 0x20 from the ATR.
        assertArrayEquals(Cards.hex("11 10 00 45 00 20 00"), emulator.parameters(0));
        assertEquals(254, emulator.t1Ifsd(0));
    }

    @Test
    void exchangesAnApdu() throws Exception {
        byte[] response = slot.transmit(Protocol.T1, Cards.hex("00 84 00 00 08"));
        assertEquals(10, response.length);
        assertArrayEquals(Cards.hex("90 00"), Arrays.copyOfRange(response, 8, 10));
    }

    @Test
    void chainsALongCommandWithinIfsc() throws Exception {
        long before = emulator.count(0x6F);
        byte[] response = slot.transmit(Protocol.T1, Cards.echo(200));
        assertArrayEquals(Cards.okWith(SimCard.pattern(200)), response);
        // 206 bytes in pieces of IFSC 32: seven I-blocks.
        assertEquals(7, emulator.count(0x6F) - before);
    }

    @Test
    void receivesAChainedResponseLongerThanIfsd() throws Exception {
        byte[] response = slot.transmit(Protocol.T1, Cards.hex("00 02 02 58 00"));
        assertArrayEquals(Cards.okWith(SimCard.pattern(600)), response);
    }

    @Test
    void carriesExtendedApdusOverT1() throws Exception {
        byte[] response = slot.transmit(Protocol.T1, Cards.extendedEcho(1000));
        assertArrayEquals(Cards.okWith(SimCard.pattern(1000)), response);
    }

    @Test
    void answersAWaitingTimeExtensionAndPassesBwiToTheReader() throws Exception {
        emulator.requestWtx(0, 3);
        byte[] response = slot.transmit(Protocol.T1, Cards.echo(4));
        assertArrayEquals(Cards.okWith(SimCard.pattern(4)), response);
        assertTrue(emulator.xfrBwis.contains(3), "the WTX response travels with bBWI = 3");
    }

    @Test
    void recoversFromACorruptedBlock() throws Exception {
        emulator.corruptNextT1Block(0);
        byte[] response = slot.transmit(Protocol.T1, Cards.echo(4));
        assertArrayEquals(Cards.okWith(SimCard.pattern(4)), response);
        assertEquals(1, emulator.hostT1ErrorBlocks(0), "the driver asked for the block again");
    }

    @Test
    void recoversFromAParityErrorByResynchronising() throws Exception {
        emulator.parityErrorOnNextXfr = true;
        byte[] response = slot.transmit(Protocol.T1, Cards.echo(4));
        assertArrayEquals(Cards.okWith(SimCard.pattern(4)), response);
        byte[] next = slot.transmit(Protocol.T1, Cards.echo(2));
        assertArrayEquals(Cards.okWith(SimCard.pattern(2)), next);
    }

    @Test
    void givesUpAfterRepeatedResynchronisationUntilTheNextPowerUp() throws Exception {
        emulator.corruptEveryT1Block(0, true);
        IfdException failed = assertThrows(IfdException.class, () -> slot.transmit(Protocol.T1, Cards.echo(4)));
        assertEquals(IfdResponseCode.COMMUNICATION_ERROR, failed.code());
        long resynchs = emulator.commands.stream()
                .filter(c -> (c[0] & 0xFF) == 0x6F && c.length == 14 && (c[11] & 0xFF) == 0xC0).count();
        assertEquals(3, resynchs, "three S(RESYNCH) requests, each answered");

        emulator.corruptEveryT1Block(0, false);
        IfdException dead = assertThrows(IfdException.class, () -> slot.transmit(Protocol.T1, Cards.echo(4)));
        assertEquals(IfdResponseCode.COMMUNICATION_ERROR, dead.code(), "the slot stays dead");

        slot.powerUp();
        slot.setProtocol(Pps.of(Protocol.T1));
        assertArrayEquals(Cards.okWith(SimCard.pattern(4)), slot.transmit(Protocol.T1, Cards.echo(4)));
    }

    @Test
    void waitsThroughReaderTimeExtensions() throws Exception {
        emulator.timeExtensionsBeforeNextXfr = 2;
        assertArrayEquals(Cards.okWith(SimCard.pattern(3)), slot.transmit(Protocol.T1, Cards.echo(3)));
    }
}
