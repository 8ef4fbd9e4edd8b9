package org.jpcscd.ifd.virtual.card;

/** The ISO 7816-4 status words the card's runtime answers by itself. */
public final class StatusWords {
    public static final byte[] WRONG_LENGTH = {0x67, 0x00};
    public static final byte[] FILE_NOT_FOUND = {0x6A, (byte) 0x82};
    public static final byte[] NO_PRECISE_DIAGNOSIS = {0x6F, 0x00};

    private StatusWords() {
    }
}
