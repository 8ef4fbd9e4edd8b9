package org.jpcscd.ifd.virtual;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.jpcscd.api.Attribute;
import org.jpcscd.api.Protocol;

/**
 * The {@code SCARD_ATTR_*} values a virtual reader answers, encoded the way pcsc-lite drivers return
 * them: numbers as 4-byte little-endian DWORDs (libccid's encoding), strings NUL-terminated, flags as
 * one byte.
 */
final class ReaderAttributes {
    static final String VENDOR = "jpcscd";
    static final String IFD_TYPE = "Virtual Reader";
    /** 0xMMmmbbbb of this driver, version 0.1.0. */
    static final int IFD_VERSION = 0x0001_0000;
    /** A short APDU: header, Lc, 255 data bytes, Le. The simulated card has no extended length. */
    static final int MAX_INPUT = 4 + 1 + 255 + 1;
    /** PC/SC part 3 channel type 0x00F0: a vendor-defined interface, here "no hardware". */
    static final int CHANNEL_TYPE_VENDOR = 0x00F0;

    private static final byte ICC_ABSENT = 0;
    private static final byte ICC_PRESENT = 2;

    private ReaderAttributes() {
    }

    /**
     * @param readerIndex the reader's position among this driver's readers
     * @param slot what the slot knows now
     */
    static Optional<byte[]> value(int attributeId, int readerIndex, SlotState slot) {
        return Optional.ofNullable(switch (attributeId) {
            case Attribute.VENDOR_NAME -> string(VENDOR);
            case Attribute.VENDOR_IFD_TYPE -> string(IFD_TYPE);
            case Attribute.VENDOR_IFD_VERSION -> dword(IFD_VERSION);
            case Attribute.VENDOR_IFD_SERIAL_NO -> string(String.format("%08d", readerIndex));
            case Attribute.CHANNEL_ID -> dword(CHANNEL_TYPE_VENDOR << 16 | readerIndex);
            case Attribute.MAXINPUT -> dword(MAX_INPUT);
            case Attribute.ASYNC_PROTOCOL_TYPES -> dword(Protocol.T1.mask());
            case Attribute.ICC_PRESENCE -> new byte[] {slot.present() ? ICC_PRESENT : ICC_ABSENT};
            case Attribute.ICC_INTERFACE_STATUS -> new byte[] {(byte) (slot.powered() ? 1 : 0)};
            case Attribute.ATR_STRING -> slot.powered() ? slot.atr() : null;
            case Attribute.CURRENT_PROTOCOL_TYPE -> slot.protocol() != null ? dword(slot.protocol().mask()) : null;
            default -> null;
        });
    }

    static byte[] dword(int value) {
        return ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    static byte[] string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /** A consistent view of a slot, taken under its lock. */
    record SlotState(boolean present, boolean powered, byte[] atr, Protocol protocol) {
    }
}
