package org.jpcscd.ccid.emulator;

/**
 * What an emulated reader announces: ids, strings and the CCID class descriptor fields that matter.
 */
public record ReaderProfile(int vendorId, int productId, String manufacturer, String product, String serial,
        int maxSlotIndex, int features, int maxMessageLength, int pinSupport, boolean interruptPipe,
        int[] dataRates) {

    public static final int TPDU = 0x00010230;
    public static final int SHORT_APDU = 0x000204BA;
    public static final int EXTENDED_APDU = 0x000404BE;

    /** Gemalto PC Twin: TPDU level, one slot, interrupt pipe. */
    public static ReaderProfile tpdu() {
        return new ReaderProfile(0x08E6, 0x3437, "Gemalto", "PC Twin", null, 0, TPDU, 271, 0, true, null);
    }

    public static ReaderProfile shortApdu() {
        return new ReaderProfile(0x08E6, 0x3437, "Gemalto", "PC Twin", null, 0, SHORT_APDU, 271, 0, true, null);
    }

    public static ReaderProfile extendedApdu() {
        return new ReaderProfile(0x058F, 0x9540, "Alcor", "AU9540", null, 0, EXTENDED_APDU, 271, 0, true, null);
    }

    public ReaderProfile withSlots(int count) {
        return new ReaderProfile(vendorId, productId, manufacturer, product, serial, count - 1, features,
                maxMessageLength, pinSupport, interruptPipe, dataRates);
    }

    public ReaderProfile withIds(int vendor, int productId, String serialNumber) {
        return new ReaderProfile(vendor, productId, manufacturer, product, serialNumber, maxSlotIndex, features,
                maxMessageLength, pinSupport, interruptPipe, dataRates);
    }

    public ReaderProfile withoutInterruptPipe() {
        return new ReaderProfile(vendorId, productId, manufacturer, product, serial, maxSlotIndex, features,
                maxMessageLength, pinSupport, false, dataRates);
    }

    public ReaderProfile withPinPad() {
        return new ReaderProfile(vendorId, productId, manufacturer, product, serial, maxSlotIndex, features,
                maxMessageLength, 0x03, interruptPipe, dataRates);
    }

    public ReaderProfile withDataRates(int... rates) {
        return new ReaderProfile(vendorId, productId, manufacturer, product, serial, maxSlotIndex, features,
                maxMessageLength, pinSupport, interruptPipe, rates);
    }

    /** The 54-byte class descriptor. */
    public byte[] classDescriptor() {
        byte[] d = new byte[54];
        d[0] = 0x36;
        d[1] = 0x21;
        le(d, 2, 0x0110, 2);
        d[4] = (byte) maxSlotIndex;
        d[5] = 0x07;
        le(d, 6, 0x03, 4);
        le(d, 10, 4000, 4);
        le(d, 14, 4000, 4);
        le(d, 19, 10752, 4);
        le(d, 23, 344086, 4);
        d[27] = (byte) (dataRates == null ? 0 : dataRates.length);
        le(d, 28, 254, 4);
        le(d, 40, features, 4);
        le(d, 44, maxMessageLength, 4);
        d[48] = (byte) 0xFF;
        d[49] = (byte) 0xFF;
        d[52] = (byte) pinSupport;
        d[53] = (byte) (maxSlotIndex + 1);
        return d;
    }

    private static void le(byte[] b, int off, int value, int length) {
        for (int i = 0; i < length; i++) {
            b[off + i] = (byte) (value >>> (8 * i));
        }
    }
}
