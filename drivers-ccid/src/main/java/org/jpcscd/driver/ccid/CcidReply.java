package org.jpcscd.driver.ccid;

import java.util.Arrays;

/** A reader-to-host bulk message. */
record CcidReply(int type, int slot, int seq, int status, int error, int parameter, byte[] data) {
    static final int ICC_ACTIVE = 0;
    static final int ICC_INACTIVE = 1;
    static final int ICC_ABSENT = 2;
    static final int COMMAND_OK = 0;
    static final int COMMAND_FAILED = 1;
    static final int COMMAND_TIME_EXTENSION = 2;

    static final int ERROR_ICC_MUTE = 0xFE;
    static final int ERROR_XFR_PARITY = 0xFD;
    static final int ERROR_PIN_TIMEOUT = 0xF0;
    static final int ERROR_PIN_CANCELLED = 0xEF;

    /** Parses a bulk-IN transfer; null when it is shorter than a header or its dwLength is wrong. */
    static CcidReply parse(byte[] frame) {
        if (frame.length < CcidMessage.HEADER_LENGTH) {
            return null;
        }
        int length = CcidDescriptor.u32(frame, 1);
        if (length != frame.length - CcidMessage.HEADER_LENGTH) {
            return null;
        }
        return new CcidReply(frame[0] & 0xFF, frame[5] & 0xFF, frame[6] & 0xFF, frame[7] & 0xFF, frame[8] & 0xFF,
                frame[9] & 0xFF, Arrays.copyOfRange(frame, CcidMessage.HEADER_LENGTH, frame.length));
    }

    int iccStatus() {
        return status & 0x03;
    }

    int commandStatus() {
        return (status >> 6) & 0x03;
    }

    boolean failed() {
        return commandStatus() == COMMAND_FAILED;
    }
}
