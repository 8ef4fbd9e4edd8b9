package org.jpcscd.api;

/**
 * Bits of a reader's card state as pcscd keeps it ({@code readerState} in the shared reader-state
 * array, and the low word of {@code SCardStatus}'s state). pcsc-lite uses bit flags here, unlike
 * Windows' enumerated values.
 */
public final class CardStateBits {
    /** Reader communication error. */
    public static final int UNKNOWN = 0x0001;
    public static final int ABSENT = 0x0002;
    public static final int PRESENT = 0x0004;
    /** Present but power-up failed (mute card). */
    public static final int SWALLOWED = 0x0008;
    public static final int POWERED = 0x0010;
    public static final int NEGOTIABLE = 0x0020;
    public static final int SPECIFIC = 0x0040;

    private static final String[] NAMES = {
        "UNKNOWN", "ABSENT", "PRESENT", "SWALLOWED", "POWERED", "NEGOTIABLE", "SPECIFIC"
    };

    private CardStateBits() {
    }

    /** "PRESENT|POWERED|NEGOTIABLE", or "0" for no bit. */
    public static String describe(int bits) {
        return BitNames.join(bits, NAMES, 0);
    }
}
