package org.jpcscd.ifd.vpcd;

/**
 * The vpcd wire format: every message is a 2-byte big-endian length and that many payload bytes. A
 * one-byte payload from the reader is a control message; anything longer is a command APDU.
 */
final class VpcdFrames {
    static final int HEADER_LENGTH = 2;
    static final int MAX_PAYLOAD = 0xFFFF;

    static final byte POWER_OFF = 0x00;
    static final byte POWER_ON = 0x01;
    static final byte RESET = 0x02;
    static final byte ATR_REQUEST = 0x04;

    private VpcdFrames() {
    }
}
