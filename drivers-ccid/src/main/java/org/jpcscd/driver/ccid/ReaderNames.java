package org.jpcscd.driver.ccid;

import org.jpcscd.usb.api.UsbDeviceInfo;

/** Reader base names as pcscd builds them (ccid.md §4.2), without the " 00 00" the core adds. */
final class ReaderNames {
    /** MAX_READERNAME is 128 with the NUL; the core appends " 00 00". */
    private static final int MAX_BASE_LENGTH = 127 - " 00 00".length();

    private ReaderNames() {
    }

    static String build(String listedName, UsbDeviceInfo info, String interfaceName) {
        StringBuilder name = new StringBuilder(listedName != null ? listedName : fallback(info));
        if (interfaceName != null && !interfaceName.isEmpty()) {
            name.append(" [").append(ascii(interfaceName)).append(']');
        }
        String serial = info.serialNumber();
        if (serial != null && !serial.isEmpty() && (interfaceName == null || !interfaceName.contains(serial))) {
            name.append(" (").append(serial).append(')');
        }
        return name.length() > MAX_BASE_LENGTH ? name.substring(0, MAX_BASE_LENGTH) : name.toString();
    }

    /** Readers we drive by class but nobody listed: the product string, else the ids. */
    private static String fallback(UsbDeviceInfo info) {
        if (info.product() != null && !info.product().isBlank()) {
            return ascii(info.product());
        }
        return String.format("USB CCID reader %04X:%04X", info.vendorId(), info.productId());
    }

    private static String ascii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? c : '.');
        }
        return out.toString();
    }
}
