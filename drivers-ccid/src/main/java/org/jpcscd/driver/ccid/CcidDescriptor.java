package org.jpcscd.driver.ccid;

/**
 * The 54-byte CCID class descriptor (ccid.md §1.2). All multi-byte fields are little-endian.
 */
record CcidDescriptor(
        int bcdCcid,
        int maxSlotIndex,
        int voltageSupport,
        int protocols,
        int defaultClock,
        int maximumClock,
        int numClockSupported,
        int dataRate,
        int maxDataRate,
        int numDataRatesSupported,
        int maxIfsd,
        int features,
        int maxMessageLength,
        int classGetResponse,
        int classEnvelope,
        int lcdLayout,
        int pinSupport,
        int maxBusySlots) {

    static final int LENGTH = 54;
    static final int LEVEL_MASK = 0x00070000;
    static final int LEVEL_CHARACTER = 0x00000000;
    static final int LEVEL_TPDU = 0x00010000;
    static final int LEVEL_SHORT_APDU = 0x00020000;
    static final int LEVEL_EXTENDED_APDU = 0x00040000;
    static final int FEATURE_AUTO_PARAMETERS_NEGOTIATION = 0x00000040;
    static final int FEATURE_AUTO_PPS = 0x00000080;
    static final int FEATURE_AUTO_IFSD = 0x00000400;

    static CcidDescriptor parse(byte[] d) {
        if (d.length < LENGTH || (d[1] != 0x21 && (d[1] & 0xFF) != 0xFF)) {
            throw new IllegalArgumentException("not a CCID class descriptor");
        }
        return new CcidDescriptor(u16(d, 2), d[4] & 0xFF, d[5] & 0xFF, u32(d, 6), u32(d, 10), u32(d, 14),
                d[18] & 0xFF, u32(d, 19), u32(d, 23), d[27] & 0xFF, u32(d, 28), u32(d, 40), u32(d, 44),
                d[48] & 0xFF, d[49] & 0xFF, u16(d, 50), d[52] & 0xFF, d[53] & 0xFF);
    }

    int slotCount() {
        return maxSlotIndex + 1;
    }

    int exchangeLevel() {
        return features & LEVEL_MASK;
    }

    boolean hasFeature(int mask) {
        return (features & mask) != 0;
    }

    boolean supportsT0() {
        return (protocols & 1) != 0;
    }

    boolean supportsT1() {
        return (protocols & 2) != 0;
    }

    /** Largest payload of one bulk message. */
    int maxPayload() {
        return maxMessageLength - CcidMessage.HEADER_LENGTH;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static int u32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }
}
