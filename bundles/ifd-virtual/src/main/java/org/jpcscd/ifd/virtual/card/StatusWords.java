package org.jpcscd.ifd.virtual.card;

/** The ISO 7816-4 status words the card's runtime answers by itself, as SW1 SW2 bytes. */
public final class StatusWords {
    public static final int WRONG_LENGTH = 0x6700;
    public static final int NO_PRECISE_DIAGNOSIS = 0x6F00;

    private StatusWords() {
    }

    public static byte[] response(int statusWord) {
        return new byte[] {(byte) (statusWord >> 8), (byte) statusWord};
    }
}
