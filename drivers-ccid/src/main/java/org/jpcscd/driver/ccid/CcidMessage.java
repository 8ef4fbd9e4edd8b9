package org.jpcscd.driver.ccid;

/** Bulk message types and the 10-byte header (ccid.md §2). */
final class CcidMessage {
    static final int HEADER_LENGTH = 10;

    static final int PC_TO_RDR_ICC_POWER_ON = 0x62;
    static final int PC_TO_RDR_ICC_POWER_OFF = 0x63;
    static final int PC_TO_RDR_GET_SLOT_STATUS = 0x65;
    static final int PC_TO_RDR_XFR_BLOCK = 0x6F;
    static final int PC_TO_RDR_GET_PARAMETERS = 0x6C;
    static final int PC_TO_RDR_SET_PARAMETERS = 0x61;
    static final int PC_TO_RDR_ESCAPE = 0x6B;
    static final int PC_TO_RDR_SECURE = 0x69;

    static final int RDR_TO_PC_DATA_BLOCK = 0x80;
    static final int RDR_TO_PC_SLOT_STATUS = 0x81;
    static final int RDR_TO_PC_PARAMETERS = 0x82;
    static final int RDR_TO_PC_ESCAPE = 0x83;

    static final int RDR_TO_PC_NOTIFY_SLOT_CHANGE = 0x50;
    static final int RDR_TO_PC_HARDWARE_ERROR = 0x51;

    private CcidMessage() {
    }

    static byte[] command(int type, int slot, int seq, int b7, int b8, int b9, byte[] data) {
        byte[] message = new byte[HEADER_LENGTH + data.length];
        message[0] = (byte) type;
        message[1] = (byte) data.length;
        message[2] = (byte) (data.length >>> 8);
        message[3] = (byte) (data.length >>> 16);
        message[4] = (byte) (data.length >>> 24);
        message[5] = (byte) slot;
        message[6] = (byte) seq;
        message[7] = (byte) b7;
        message[8] = (byte) b8;
        message[9] = (byte) b9;
        System.arraycopy(data, 0, message, HEADER_LENGTH, data.length);
        return message;
    }
}
