package org.jpcscd.driver.ccid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.jpcscd.api.Attribute;
import org.jpcscd.api.ControlCodes;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.Pps;
import org.jpcscd.ccid.emulator.CcidEmulator;
import org.jpcscd.ccid.emulator.ReaderProfile;
import org.junit.jupiter.api.Test;

/** SCardControl (PC/SC part 10 features, pin pad, escape) and reader attributes. */
class ControlTest {
    private final EmulatedReaders readers = new EmulatedReaders();

    @Test
    void plainReaderAnnouncesOnlyTlvProperties() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.shortApdu());
        CcidReader reader = readers.open(emulator);
        try {
            CcidSlot slot = reader.slots().get(0);
            assertArrayEquals(Cards.hex("12 04 42 33 00 12"), slot.control(ControlCodes.GET_FEATURE_REQUEST, new byte[0]));
            byte[] tlv = slot.control(ReaderControl.GET_TLV_PROPERTIES, new byte[0]);
            assertEquals(true, contains(tlv, Cards.hex("0B 02 E6 08")), "vendor id property");
            assertEquals(true, contains(tlv, Cards.hex("0C 02 37 34")), "product id property");
            IfdException unknown = assertThrows(IfdException.class,
                    () -> slot.control(ReaderControl.VERIFY_PIN_DIRECT, new byte[30]));
            assertEquals(IfdResponseCode.NOT_SUPPORTED, unknown.code());
            IfdException escape = assertThrows(IfdException.class,
                    () -> slot.control(ControlCodes.VENDOR_IFD_EXCHANGE, new byte[] {1}));
            assertEquals(IfdResponseCode.NOT_SUPPORTED, escape.code(), "escape needs the administrator's consent");
            assertArrayEquals(Cards.hex("05 01 00 00"), slot.getAttribute(Attribute.MAXINPUT).orElseThrow(), "261 = 271 - header");
        } finally {
            reader.close();
        }
    }

    @Test
    void pinPadVerifyIsPassedThroughAsSecure() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.shortApdu().withPinPad());
        emulator.insert(0, Cards.t1());
        CcidReader reader = readers.open(emulator);
        try {
            CcidSlot slot = reader.slots().get(0);
            slot.powerUp();
            slot.setProtocol(Pps.of(Protocol.T1));
            byte[] features = slot.control(ControlCodes.GET_FEATURE_REQUEST, new byte[0]);
            assertArrayEquals(Cards.hex("06 04 42 33 00 06  07 04 42 33 00 07  0A 04 42 33 00 0A  12 04 42 33 00 12"),
                    features);
            // PIN_VERIFY_STRUCTURE: timeouts, formats, ..., bTeoPrologue, ulDataLength = 13, then the APDU.
            byte[] verify = Cards.hex("1E 00 82 04 00 0408 02 01 0904 00 000000 0D000000"
                    + "00 20 00 01 08 FFFFFFFFFFFFFFFF");
            assertArrayEquals(Cards.hex("90 00"), slot.control(ReaderControl.VERIFY_PIN_DIRECT, verify));
            byte[] secure = emulator.commands.get(emulator.commands.size() - 1);
            assertEquals(0x69, secure[0] & 0xFF);
            byte[] expected = Cards.hex("00 1E 82 04 00 0408 02 01 0904 00 000000 00 20 00 01 08 FFFFFFFFFFFFFFFF");
            assertArrayEquals(expected, Arrays.copyOfRange(secure, 10, secure.length));
        } finally {
            reader.close();
        }
    }

    @Test
    void escapeWorksWhenAllowed() throws Exception {
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.shortApdu());
        CcidReader reader = readers.open(emulator, true);
        try {
            CcidSlot slot = reader.slots().get(0);
            assertArrayEquals(Cards.hex("12 04 42 33 00 12  13 04 42 00 00 01"),
                    slot.control(ControlCodes.GET_FEATURE_REQUEST, new byte[0]));
            assertArrayEquals(Cards.hex("02 03"), slot.control(ControlCodes.VENDOR_IFD_EXCHANGE, Cards.hex("02 03")));
        } finally {
            reader.close();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
