package org.jpcscd.ifd.virtual.card;

/**
 * The shape checks an ISO 7816-4 card does before its applet sees a command: a header, and a body
 * whose length agrees with Lc. jCardSim trusts Lc blindly, so a malformed command must be caught here.
 */
public final class CommandApdu {
    private static final int HEADER = 4;

    private CommandApdu() {
    }

    /**
     * True for a short APDU of case 1, 2, 3 or 4. Extended-length APDUs (a zero byte where Lc would be,
     * followed by more bytes) are not well-formed for this card: it has no extended length support.
     */
    public static boolean isWellFormedShort(byte[] command) {
        int length = command.length;
        if (length < HEADER) {
            return false;
        }
        if (length <= HEADER + 1) {
            return true;
        }
        int lc = command[HEADER] & 0xFF;
        if (lc == 0) {
            return false;
        }
        int body = length - HEADER - 1;
        return body == lc || body == lc + 1;
    }

    /**
     * A SELECT by DF name (AID) on the basic channel: CLA 00, INS A4, P1 04. The card has no logical
     * channels, so a SELECT for another channel goes to the applet, which refuses its class.
     */
    public static boolean isSelectByName(byte[] command) {
        return command.length >= HEADER && command[0] == 0 && command[1] == (byte) 0xA4 && command[2] == 0x04;
    }

    /** The AID a well-formed SELECT by name carries (empty without a body). */
    public static byte[] selectedName(byte[] command) {
        if (command.length <= HEADER + 1) {
            return new byte[0];
        }
        int lc = command[HEADER] & 0xFF;
        byte[] name = new byte[lc];
        System.arraycopy(command, HEADER + 1, name, 0, lc);
        return name;
    }
}
