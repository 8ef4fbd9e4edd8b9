package org.jpcscd.driver.ccid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** How the driver reads a reader's refusals: libccid's three SetParameters paths and a mute card. */
class ReaderRefusalsTest {
    private final CcidEmulator emulator = new CcidEmulator(ReaderProfile.shortApdu());
    private CcidReader reader;
    private CcidSlot slot;

    @BeforeEach
    void open() throws Exception {
        emulator.insert(0, Cards.t1());
        reader = new EmulatedReaders().open(emulator);
        slot = reader.slots().get(0);
    }

    @AfterEach
    void close() {
        reader.close();
    }

    @Test
    void parameterThatCannotChangeStillCountsAsSuccess() throws Exception {
        slot.powerUp();
        emulator.setParametersError = 7;
        slot.setProtocol(Pps.of(Protocol.T1));
        assertArrayEquals(Cards.okWith(SimCard.pattern(2)), slot.transmit(Protocol.T1, Cards.echo(2)));
    }

    @Test
    void setParametersNotSupportedIsNotSupported() throws Exception {
        slot.powerUp();
        emulator.setParametersError = 0;
        IfdException e = assertThrows(IfdException.class, () -> slot.setProtocol(Pps.of(Protocol.T1)));
        assertEquals(IfdResponseCode.NOT_SUPPORTED, e.code(), "pcscd then keeps the ATR's default protocol");
    }

    @Test
    void otherSetParametersErrorsFailTheSelection() throws Exception {
        slot.powerUp();
        emulator.setParametersError = 0xF6;
        IfdException e = assertThrows(IfdException.class, () -> slot.setProtocol(Pps.of(Protocol.T1)));
        assertEquals(IfdResponseCode.COMMUNICATION_ERROR, e.code());
    }

    @Test
    void muteCardFailsThePowerActionAfterTryingEveryVoltage() {
        emulator.muteCard = true;
        IfdException e = assertThrows(IfdException.class, slot::powerUp);
        assertEquals(IfdResponseCode.ERROR_POWER_ACTION, e.code());
        assertEquals(3, emulator.count(0x62), "5 V, 1.8 V, then 3 V");
    }

    @Test
    void protocolTheCardDoesNotOfferIsRefused() throws Exception {
        slot.powerUp();
        IfdException e = assertThrows(IfdException.class, () -> slot.setProtocol(Pps.of(Protocol.T0)));
        assertEquals(IfdResponseCode.PROTOCOL_NOT_SUPPORTED, e.code());
    }
}
