package org.jpcscd.driver.ccid;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.jpcscd.api.ControlCodes;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;

/**
 * SCardControl for a CCID slot (ccid.md §5): the PC/SC part 10 feature list, reader properties,
 * pin-pad VERIFY/MODIFY passed to the reader as PC_to_RDR_Secure when it announces a pin pad, and
 * the vendor escape when the administrator allowed it.
 */
final class ReaderControl {
    /** The Windows value of GET_FEATURE_REQUEST, which libccid also accepts (RDP redirection). */
    static final int GET_FEATURE_REQUEST_WINDOWS = 0x00313520;
    static final int VERIFY_PIN_DIRECT = featureCode(ControlCodes.FEATURE_VERIFY_PIN_DIRECT);
    static final int MODIFY_PIN_DIRECT = featureCode(ControlCodes.FEATURE_MODIFY_PIN_DIRECT);
    static final int IFD_PIN_PROPERTIES = featureCode(ControlCodes.FEATURE_IFD_PIN_PROPERTIES);
    static final int GET_TLV_PROPERTIES = featureCode(ControlCodes.FEATURE_GET_TLV_PROPERTIES);
    private static final Duration ESCAPE_TIMEOUT = Duration.ofSeconds(30);
    private static final int PIN_VERIFY = 0;
    private static final int PIN_MODIFY = 1;

    private final CcidReaderContext reader;
    private final CcidSlot slot;

    ReaderControl(CcidReaderContext reader, CcidSlot slot) {
        this.reader = reader;
        this.slot = slot;
    }

    /** libccid's feature control codes: SCARD_CTL_CODE(0x330000 + tag). */
    static int featureCode(int tag) {
        return ControlCodes.scardCtlCode(0x330000 + tag);
    }

    byte[] handle(int code, byte[] input) throws IfdException {
        CcidDescriptor d = reader.descriptor();
        if (code == ControlCodes.GET_FEATURE_REQUEST || code == GET_FEATURE_REQUEST_WINDOWS) {
            return features();
        }
        if (code == GET_TLV_PROPERTIES) {
            return tlvProperties();
        }
        if (code == IFD_PIN_PROPERTIES && d.pinSupport() != 0) {
            return new byte[] {(byte) d.lcdLayout(), (byte) (d.lcdLayout() >> 8), 0x07, 0x00};
        }
        if (code == VERIFY_PIN_DIRECT && (d.pinSupport() & 0x01) != 0) {
            return secure(PIN_VERIFY, input);
        }
        if (code == MODIFY_PIN_DIRECT && (d.pinSupport() & 0x02) != 0) {
            return secure(PIN_MODIFY, input);
        }
        if (code == ControlCodes.VENDOR_IFD_EXCHANGE && reader.escapeAllowed()) {
            return escape(input);
        }
        throw IfdException.notSupported(String.format("control code 0x%08X", code));
    }

    private byte[] features() {
        CcidDescriptor d = reader.descriptor();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if ((d.pinSupport() & 0x01) != 0) {
            feature(out, ControlCodes.FEATURE_VERIFY_PIN_DIRECT, VERIFY_PIN_DIRECT);
        }
        if ((d.pinSupport() & 0x02) != 0) {
            feature(out, ControlCodes.FEATURE_MODIFY_PIN_DIRECT, MODIFY_PIN_DIRECT);
        }
        if (d.pinSupport() != 0) {
            feature(out, ControlCodes.FEATURE_IFD_PIN_PROPERTIES, IFD_PIN_PROPERTIES);
        }
        feature(out, ControlCodes.FEATURE_GET_TLV_PROPERTIES, GET_TLV_PROPERTIES);
        if (reader.escapeAllowed()) {
            feature(out, ControlCodes.FEATURE_CCID_ESC_COMMAND, ControlCodes.VENDOR_IFD_EXCHANGE);
        }
        return out.toByteArray();
    }

    private static void feature(ByteArrayOutputStream out, int tag, int code) {
        out.write(tag);
        out.write(4);
        out.write(code >>> 24);
        out.write(code >>> 16);
        out.write(code >>> 8);
        out.write(code);
    }

    private byte[] tlvProperties() {
        CcidDescriptor d = reader.descriptor();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        property(out, 0x01, d.lcdLayout(), 2);
        property(out, 0x03, 0, 1);
        if (d.lcdLayout() != 0) {
            property(out, 0x04, d.lcdLayout() & 0xFF, 2);
            property(out, 0x05, d.lcdLayout() >> 8, 2);
        }
        property(out, 0x09, reader.escapeAllowed() ? 1 : 0, 1);
        property(out, 0x0B, reader.device().vendorId(), 2);
        property(out, 0x0C, reader.device().productId(), 2);
        int level = d.exchangeLevel();
        boolean extended = level == CcidDescriptor.LEVEL_TPDU || level == CcidDescriptor.LEVEL_EXTENDED_APDU;
        property(out, 0x0A, extended ? 0x10000 : 0, 4);
        return out.toByteArray();
    }

    private static void property(ByteArrayOutputStream out, int tag, int value, int length) {
        out.write(tag);
        out.write(length);
        for (int i = 0; i < length; i++) {
            out.write(value >>> (8 * i));
        }
    }

    /**
     * PC/SC part 10 PIN_VERIFY/MODIFY structures become the CCID ones by dropping bTimerOut2
     * (offset 1) and the 4-byte ulDataLength before the APDU.
     */
    private byte[] secure(int operation, byte[] pcscStructure) throws IfdException {
        int dataLengthOffset = operation == PIN_VERIFY ? 15 : 20;
        if (pcscStructure.length < dataLengthOffset + 4) {
            throw IfdException.communication("PIN structure too short", null);
        }
        if (reader.descriptor().exchangeLevel() == CcidDescriptor.LEVEL_TPDU && slot.activeProtocol() == Protocol.T1) {
            throw IfdException.notSupported("pin pad over T=1 at TPDU level");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(operation);
        out.write(pcscStructure[0]);
        out.write(pcscStructure, 2, dataLengthOffset - 2);
        out.write(pcscStructure, dataLengthOffset + 4, pcscStructure.length - dataLengthOffset - 4);
        int userTimeout = pcscStructure[0] & 0xFF;
        Duration timeout = Duration.ofSeconds(30L + userTimeout);
        CcidReply reply = reader.transport().transact(CcidMessage.PC_TO_RDR_SECURE, slot.index(), 0, 0, 0,
                out.toByteArray(), timeout, false);
        try {
            return XfrChannel.dataOf(reply);
        } catch (XfrChannel.ParityError e) {
            throw IfdException.communication("parity error", null);
        }
    }

    private byte[] escape(byte[] input) throws IfdException {
        CcidReply reply = reader.transport().transact(CcidMessage.PC_TO_RDR_ESCAPE, slot.index(), 0, 0, 0, input,
                ESCAPE_TIMEOUT, true);
        if (reply.failed()) {
            throw IfdException.communication(String.format("escape failed, error 0x%02X", reply.error()), null);
        }
        return Arrays.copyOf(reply.data(), reply.data().length);
    }
}
