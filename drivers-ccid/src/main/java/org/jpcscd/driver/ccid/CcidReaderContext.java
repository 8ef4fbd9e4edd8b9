package org.jpcscd.driver.ccid;

import java.util.Optional;
import org.jpcscd.api.Attribute;
import org.jpcscd.usb.api.UsbDeviceInfo;

/** What the slots of one reader share: the device, its pipes, its descriptor and the driver's options. */
record CcidReaderContext(UsbDeviceInfo device, CcidInterface ccid, CcidTransport transport, int[] dataRates,
        boolean escapeAllowed) {

    CcidDescriptor descriptor() {
        return ccid.descriptor();
    }

    /** Attributes that are the same for every slot (libccid's IFDHGetCapabilities). */
    Optional<byte[]> readerAttribute(int attributeId) {
        return switch (attributeId) {
            case Attribute.VENDOR_NAME -> Optional.ofNullable(device.manufacturer()).map(CcidReaderContext::cString);
            case Attribute.VENDOR_IFD_VERSION -> Optional.of(CcidSlot.dword(device.bcdDevice() << 16));
            case Attribute.VENDOR_IFD_SERIAL_NO ->
                    Optional.ofNullable(device.serialNumber()).map(CcidReaderContext::cString);
            case Attribute.CHANNEL_ID ->
                    Optional.of(CcidSlot.dword(0x0020 << 16 | (device.bus() & 0xFF) << 8 | (device.address() & 0xFF)));
            case Attribute.MAXINPUT -> Optional.of(CcidSlot.dword(descriptor().maxPayload()));
            case Attribute.ASYNC_PROTOCOL_TYPES -> Optional.of(CcidSlot.dword(descriptor().protocols()));
            case Attribute.DEFAULT_CLK -> Optional.of(CcidSlot.dword(descriptor().defaultClock()));
            case Attribute.MAX_CLK -> Optional.of(CcidSlot.dword(descriptor().maximumClock()));
            case Attribute.DEFAULT_DATA_RATE -> Optional.of(CcidSlot.dword(descriptor().dataRate()));
            case Attribute.MAX_DATA_RATE -> Optional.of(CcidSlot.dword(descriptor().maxDataRate()));
            case Attribute.MAX_IFSD -> Optional.of(CcidSlot.dword(descriptor().maxIfsd()));
            default -> Optional.empty();
        };
    }

    private static byte[] cString(String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(bytes, bytes.length + 1);
    }
}
