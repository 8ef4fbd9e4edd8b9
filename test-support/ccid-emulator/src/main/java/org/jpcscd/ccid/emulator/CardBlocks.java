package org.jpcscd.ccid.emulator;

import java.util.Arrays;

/**
 * T=1 block framing as the card sees it, written apart from the driver's own so a framing bug on
 * one side cannot cancel out on the other.
 */
final class CardBlocks {
    static final int RESYNCH = 0;
    static final int IFS = 1;
    static final int WTX = 3;
    static final int EDC_ERROR = 1;
    static final int OTHER_ERROR = 2;

    private final boolean crc;

    CardBlocks(boolean crc) {
        this.crc = crc;
    }

    byte[] information(int ns, boolean more, byte[] inf) {
        return frame((ns << 6) | (more ? 0x20 : 0x00), inf);
    }

    byte[] receiveReady(int nr, int error) {
        return frame(0x80 | (nr << 4) | error, new byte[0]);
    }

    byte[] request(int type, byte[] inf) {
        return frame(0xC0 | type, inf);
    }

    byte[] response(int type, byte[] inf) {
        return frame(0xE0 | type, inf);
    }

    /** True when LEN matches the size and the check code is right. */
    boolean intact(byte[] block) {
        int trailer = crc ? 2 : 1;
        if (block.length < 3 + trailer || (block[2] & 0xFF) == 0xFF
                || block.length != 3 + (block[2] & 0xFF) + trailer) {
            return false;
        }
        byte[] body = Arrays.copyOf(block, block.length - trailer);
        return Arrays.equals(Arrays.copyOfRange(block, body.length, block.length), checkCode(body));
    }

    static int pcb(byte[] block) {
        return block[1] & 0xFF;
    }

    static byte[] inf(byte[] block) {
        return Arrays.copyOfRange(block, 3, 3 + (block[2] & 0xFF));
    }

    static boolean isInformation(int pcb) {
        return pcb < 0x80;
    }

    static boolean isReceiveReady(int pcb) {
        return pcb >= 0x80 && pcb < 0xC0;
    }

    static boolean isSupervisory(int pcb) {
        return pcb >= 0xC0;
    }

    private byte[] frame(int pcb, byte[] inf) {
        byte[] body = new byte[3 + inf.length];
        body[1] = (byte) pcb;
        body[2] = (byte) inf.length;
        System.arraycopy(inf, 0, body, 3, inf.length);
        byte[] code = checkCode(body);
        byte[] block = Arrays.copyOf(body, body.length + code.length);
        System.arraycopy(code, 0, block, body.length, code.length);
        return block;
    }

    private byte[] checkCode(byte[] body) {
        if (!crc) {
            byte lrc = 0;
            for (byte b : body) {
                lrc ^= b;
            }
            return new byte[] {lrc};
        }
        // CRC-16/X.25 register arithmetic (reflected 0x1021), initial value all ones, sent high byte first.
        int register = 0xFFFF;
        for (byte b : body) {
            register ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                boolean low = (register & 1) == 1;
                register >>>= 1;
                if (low) {
                    register ^= 0x8408;
                }
            }
        }
        return new byte[] {(byte) (register >>> 8), (byte) register};
    }
}
