package org.jpcscd.ifd.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jpcscd.api.Atr;
import org.jpcscd.api.Attribute;
import org.jpcscd.api.ControlCodes;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.ifd.Pps;
import org.jpcscd.ifd.virtual.card.IsolatedCardLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The IFD slot contract of a virtual reader, as the core drives it. */
class VirtualSlotTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] SELECT_DEMO = HEX.parseHex("00A4040008F04A504353434401");

    private final IsolatedCardLoader loader = new IsolatedCardLoader(VirtualSlotTest.class.getClassLoader());
    private final List<IfdSlot> events = new CopyOnWriteArrayList<>();
    private VirtualSlot slot;
    private VirtualReader reader;

    @BeforeEach
    void createReader() {
        slot = new VirtualSlot(3, loader::newCard, true);
        reader = new VirtualReader("jpcscd Virtual Reader", slot);
        reader.setCardEventListener(events::add);
    }

    @Test
    void powerUpGivesAParsableT1Atr() throws Exception {
        Atr atr = Atr.parse(slot.powerUp());
        assertEquals(Protocol.T1, atr.defaultProtocol());
        assertArrayEquals(atr.bytes(), slot.warmReset());
    }

    @Test
    void apduReachesTheDemoApplet() throws Exception {
        slot.powerUp();
        slot.setProtocol(Pps.of(Protocol.T1));
        assertArrayEquals(HEX.parseHex("9000"), slot.transmit(Protocol.T1, SELECT_DEMO));
        assertArrayEquals(HEX.parseHex("4A50439000"), slot.transmit(Protocol.T1, HEX.parseHex("80100000034A504300")));
    }

    @Test
    void powerCycle() throws Exception {
        slot.powerUp();
        slot.powerDown();
        IfdException unpowered = assertThrows(IfdException.class, () -> slot.transmit(Protocol.T1, SELECT_DEMO));
        assertEquals(IfdResponseCode.COMMUNICATION_ERROR, unpowered.code());
        assertTrue(slot.getAttribute(Attribute.ATR_STRING).isEmpty());
        byte[] atr = slot.powerUp();
        assertArrayEquals(atr, slot.getAttribute(Attribute.ATR_STRING).orElseThrow());
        assertArrayEquals(HEX.parseHex("9000"), slot.transmit(Protocol.T1, SELECT_DEMO));
    }

    @Test
    void onlyT1IsSpoken() throws Exception {
        slot.powerUp();
        assertEquals(IfdResponseCode.PROTOCOL_NOT_SUPPORTED,
                assertThrows(IfdException.class, () -> slot.setProtocol(Pps.of(Protocol.T0))).code());
        assertEquals(IfdResponseCode.PROTOCOL_NOT_SUPPORTED,
                assertThrows(IfdException.class, () -> slot.transmit(Protocol.T0, SELECT_DEMO)).code());
    }

    @Test
    void withoutACardEverythingCardRelatedIsIccNotPresent() throws Exception {
        slot.powerUp();
        assertTrue(slot.removeCard());
        assertFalse(slot.isCardPresent());
        assertEquals(List.of(slot), events);
        assertEquals(IfdResponseCode.ICC_NOT_PRESENT,
                assertThrows(IfdException.class, () -> slot.transmit(Protocol.T1, SELECT_DEMO)).code());
        assertEquals(IfdResponseCode.ICC_NOT_PRESENT, assertThrows(IfdException.class, slot::powerUp).code());
        assertEquals(IfdResponseCode.ICC_NOT_PRESENT,
                assertThrows(IfdException.class, () -> slot.setProtocol(Pps.of(Protocol.T1))).code());
        slot.powerDown();
    }

    @Test
    void insertionIsReportedAndThePowerIsOff() throws Exception {
        slot.removeCard();
        assertTrue(slot.insertCard());
        assertTrue(slot.isCardPresent());
        assertEquals(List.of(slot, slot), events);
        assertEquals(IfdResponseCode.COMMUNICATION_ERROR,
                assertThrows(IfdException.class, () -> slot.transmit(Protocol.T1, SELECT_DEMO)).code());
    }

    @Test
    void theFeatureListIsEmptyAndOtherControlCodesAreNotSupported() throws Exception {
        assertArrayEquals(new byte[0], slot.control(ControlCodes.GET_FEATURE_REQUEST, new byte[0]));
        assertEquals(IfdResponseCode.NOT_SUPPORTED,
                assertThrows(IfdException.class, () -> slot.control(ControlCodes.VENDOR_IFD_EXCHANGE, new byte[] {1})).code());
    }

    @Test
    void readerAttributes() throws Exception {
        assertArrayEquals("jpcscd\0".getBytes(StandardCharsets.US_ASCII), slot.getAttribute(Attribute.VENDOR_NAME).orElseThrow());
        assertArrayEquals(new byte[] {0, 0, 1, 0}, slot.getAttribute(Attribute.VENDOR_IFD_VERSION).orElseThrow());
        assertArrayEquals(new byte[] {3, 0, (byte) 0xF0, 0}, slot.getAttribute(Attribute.CHANNEL_ID).orElseThrow());
        assertArrayEquals(new byte[] {5, 1, 0, 0}, slot.getAttribute(Attribute.MAXINPUT).orElseThrow());
        assertTrue(slot.getAttribute(Attribute.VENDOR_IFD_TYPE).isPresent());
        assertArrayEquals(new byte[] {2}, slot.getAttribute(Attribute.ICC_PRESENCE).orElseThrow());
        slot.removeCard();
        assertArrayEquals(new byte[] {0}, slot.getAttribute(Attribute.ICC_PRESENCE).orElseThrow());
        assertTrue(slot.getAttribute(Attribute.DEFAULT_CLK).isEmpty());
    }

    @Test
    void currentProtocolIsKnownAfterSelection() throws Exception {
        slot.powerUp();
        assertTrue(slot.getAttribute(Attribute.CURRENT_PROTOCOL_TYPE).isEmpty());
        slot.setProtocol(Pps.of(Protocol.T1));
        assertArrayEquals(new byte[] {2, 0, 0, 0}, slot.getAttribute(Attribute.CURRENT_PROTOCOL_TYPE).orElseThrow());
    }

    @Test
    void aSimulatorThatCannotStartIsAPowerFailureNotACrash() throws Exception {
        VirtualSlot broken = new VirtualSlot(0, () -> {
            throw new IllegalStateException("the simulated card cannot be built");
        }, true);
        assertEquals(IfdResponseCode.ERROR_POWER_ACTION, assertThrows(IfdException.class, broken::powerUp).code());
        assertTrue(broken.isCardPresent());
        assertEquals(IfdResponseCode.COMMUNICATION_ERROR,
                assertThrows(IfdException.class, () -> broken.transmit(Protocol.T1, SELECT_DEMO)).code());
    }

    @Test
    void theCallerCannotAlterTheAtrKept() throws Exception {
        byte[] atr = slot.powerUp();
        atr[0] = 0;
        assertEquals((byte) 0x3B, slot.getAttribute(Attribute.ATR_STRING).orElseThrow()[0]);
    }
}
