package org.jpcscd.driver.ccid;

import java.util.Arrays;

/**
 * ISO 7816-3 T=1 blocks: {@code NAD PCB LEN INF EDC}, with LRC or CRC as error detection code.
 * Shared by the driver's engine and, in tests, the card side of the emulator.
 */
final class T1Block {
    static final int S_RESYNCH = 0;
    static final int S_IFS = 1;
    static final int S_ABORT = 2;
    static final int S_WTX = 3;
    static final int R_OK = 0;
    static final int R_EDC_ERROR = 1;
    static final int R_OTHER_ERROR = 2;

    private T1Block() {
    }

    static byte[] iBlock(int ns, boolean more, byte[] inf) {
        return inf(0x00 | ns << 6 | (more ? 0x20 : 0), inf);
    }

    static byte[] rBlock(int nr, int error) {
        return inf(0x80 | nr << 4 | error, new byte[0]);
    }

    static byte[] sRequest(int type, byte[] inf) {
        return inf(0xC0 | type, inf);
    }

    static byte[] sResponse(int type, byte[] inf) {
        return inf(0xE0 | type, inf);
    }

    /** The block without its EDC; {@link #withEdc} completes it. */
    private static byte[] inf(int pcb, byte[] inf) {
        byte[] b = new byte[3 + inf.length];
        b[1] = (byte) pcb;
        b[2] = (byte) inf.length;
        System.arraycopy(inf, 0, b, 3, inf.length);
        return b;
    }

    static byte[] withEdc(byte[] prologueAndInf, boolean crc) {
        int length = prologueAndInf.length;
        byte[] b = Arrays.copyOf(prologueAndInf, length + (crc ? 2 : 1));
        if (crc) {
            int v = crc(prologueAndInf, length);
            b[length] = (byte) (v >> 8);
            b[length + 1] = (byte) v;
        } else {
            b[length] = (byte) lrc(prologueAndInf, length);
        }
        return b;
    }

    /** True when the block is complete, its LEN fits and its EDC is right. */
    static boolean valid(byte[] block, boolean crc) {
        int edcLength = crc ? 2 : 1;
        if (block == null || block.length < 3 + edcLength) {
            return false;
        }
        int len = block[2] & 0xFF;
        if (len == 0xFF || block.length != 3 + len + edcLength) {
            return false;
        }
        return Arrays.equals(withEdc(Arrays.copyOf(block, 3 + len), crc), block);
    }

    static int pcb(byte[] block) {
        return block[1] & 0xFF;
    }

    static byte[] inf(byte[] block) {
        return Arrays.copyOfRange(block, 3, 3 + (block[2] & 0xFF));
    }

    static boolean isI(int pcb) {
        return (pcb & 0x80) == 0;
    }

    static boolean isR(int pcb) {
        return (pcb & 0xC0) == 0x80;
    }

    static boolean isS(int pcb) {
        return (pcb & 0xC0) == 0xC0;
    }

    static int lrc(byte[] b, int length) {
        int v = 0;
        for (int i = 0; i < length; i++) {
            v ^= b[i];
        }
        return v & 0xFF;
    }

    /** CRC-16 as ISO 3309 (reflected polynomial 0x8408, initial 0xFFFF), the form openct computes. */
    static int crc(byte[] b, int length) {
        int v = 0xFFFF;
        for (int i = 0; i < length; i++) {
            v ^= b[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                v = (v & 1) != 0 ? (v >>> 1) ^ 0x8408 : v >>> 1;
            }
        }
        return v & 0xFFFF;
    }
}
