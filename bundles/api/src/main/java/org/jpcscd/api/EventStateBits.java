package org.jpcscd.api;

/**
 * Bits of {@code dwCurrentState}/{@code dwEventState} in {@code SCardGetStatusChange}
 * ({@code SCARD_STATE_*}). The high 16 bits of an event state carry the reader's event counter.
 */
public final class EventStateBits {
    public static final int UNAWARE = 0x0000;
    public static final int IGNORE = 0x0001;
    public static final int CHANGED = 0x0002;
    public static final int UNKNOWN = 0x0004;
    public static final int UNAVAILABLE = 0x0008;
    public static final int EMPTY = 0x0010;
    public static final int PRESENT = 0x0020;
    public static final int ATRMATCH = 0x0040;
    public static final int EXCLUSIVE = 0x0080;
    public static final int INUSE = 0x0100;
    public static final int MUTE = 0x0200;
    public static final int UNPOWERED = 0x0400;

    /** The name of the pseudo reader a client watches to learn of readers being added or removed. */
    public static final String PNP_NOTIFICATION = "\\\\?PnP?\\Notification";

    private static final String[] NAMES = {
        "IGNORE", "CHANGED", "UNKNOWN", "UNAVAILABLE", "EMPTY", "PRESENT", "ATRMATCH", "EXCLUSIVE",
        "INUSE", "MUTE", "UNPOWERED"
    };

    private EventStateBits() {
    }

    /** The event counter carried in the high word. */
    public static int counter(int eventState) {
        return eventState >>> 16;
    }

    /** "PRESENT|INUSE", or "UNAWARE" for no bit; the counter is left out. */
    public static String describe(int bits) {
        String names = BitNames.join(bits & 0xFFFF, NAMES, 0);
        return "0".equals(names) ? "UNAWARE" : names;
    }
}
