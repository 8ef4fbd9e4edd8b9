package org.jpcscd.ccid.emulator;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A small card model answering command APDUs (short and extended):
 * SELECT (A4) → 9000; GET CHALLENGE (84) → Le counting bytes; ECHO (01) → the command data;
 * BIG (02) → P1P2 bytes of pattern; anything else → 6D00.
 */
public final class SimCard {
    public static final int INS_ECHO = 0x01;
    public static final int INS_BIG = 0x02;
    public static final int INS_GET_CHALLENGE = 0x84;
    public static final int INS_SELECT = 0xA4;

    private final byte[] atr;
    private int challenge;

    public SimCard(byte[] atr) {
        this.atr = atr.clone();
    }

    public byte[] atr() {
        return atr.clone();
    }

    /** True when the command's answer carries data (so a T=0 card answers case 3 with 61xx). */
    public static boolean producesData(int ins) {
        return ins == INS_ECHO || ins == INS_BIG || ins == INS_GET_CHALLENGE;
    }

    public byte[] process(byte[] apdu) {
        if (apdu.length < 4) {
            return sw(0x67, 0x00);
        }
        int ins = apdu[1] & 0xFF;
        byte[] data = commandData(apdu);
        int le = expectedLength(apdu);
        return switch (ins) {
            case INS_SELECT -> sw(0x90, 0x00);
            case INS_GET_CHALLENGE -> {
                int n = le == 0 ? 8 : le;
                byte[] out = new byte[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) challenge++;
                }
                yield withSw(out);
            }
            case INS_ECHO -> withSw(data);
            case INS_BIG -> withSw(pattern(((apdu[2] & 0xFF) << 8) | (apdu[3] & 0xFF)));
            default -> sw(0x6D, 0x00);
        };
    }

    public static byte[] pattern(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (i * 7 + 3);
        }
        return out;
    }

    static byte[] commandData(byte[] apdu) {
        if (apdu.length <= 5) {
            return new byte[0];
        }
        if (apdu[4] == 0 && apdu.length >= 7) {
            int lc = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
            if (apdu.length >= 7 + lc && lc > 0) {
                return Arrays.copyOfRange(apdu, 7, 7 + lc);
            }
            return new byte[0];
        }
        int lc = apdu[4] & 0xFF;
        return Arrays.copyOfRange(apdu, 5, Math.min(apdu.length, 5 + lc));
    }

    static int expectedLength(byte[] apdu) {
        if (apdu.length == 5) {
            return apdu[4] & 0xFF;
        }
        return 0;
    }

    static byte[] withSw(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(data);
        out.write(0x90);
        out.write(0x00);
        return out.toByteArray();
    }

    static byte[] sw(int sw1, int sw2) {
        return new byte[] {(byte) sw1, (byte) sw2};
    }
}
