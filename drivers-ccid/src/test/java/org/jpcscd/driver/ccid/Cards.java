package org.jpcscd.driver.ccid;

import java.util.Arrays;
import java.util.HexFormat;
import org.jpcscd.ccid.emulator.SimCard;

/** ATRs and cards the tests use. */
final class Cards {
    /** T=1 only, IFSC 32, BWI 4 / CWI 5. */
    static final byte[] T1_ATR = withTck("3B80813120 45");
    /** T=0 only, no interface bytes. */
    static final byte[] T0_ATR = HexFormat.of().parseHex("3B021450");
    /** Default T=0, T=1 offered, TA1 = 0x96, IFSC 32. */
    static final byte[] T0_T1_FAST_ATR = HexFormat.of().parseHex("3B92968031204541 42D3".replace(" ", ""));

    private Cards() {
    }

    static SimCard t1() {
        return new SimCard(T1_ATR);
    }

    static SimCard t0() {
        return new SimCard(T0_ATR);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static byte[] withTck(String hex) {
        byte[] atr = hex(hex);
        byte[] full = Arrays.copyOf(atr, atr.length + 1);
        int tck = 0;
        for (int i = 1; i < atr.length; i++) {
            tck ^= atr[i];
        }
        full[atr.length] = (byte) tck;
        return full;
    }

    /** A short APDU ECHO with {@code n} data bytes and Le = 00. */
    static byte[] echo(int n) {
        byte[] apdu = new byte[6 + n];
        apdu[1] = SimCard.INS_ECHO;
        apdu[4] = (byte) n;
        System.arraycopy(SimCard.pattern(n), 0, apdu, 5, n);
        return apdu;
    }

    /** An extended APDU ECHO with {@code n} data bytes. */
    static byte[] extendedEcho(int n) {
        byte[] apdu = new byte[7 + n + 2];
        apdu[1] = SimCard.INS_ECHO;
        apdu[5] = (byte) (n >> 8);
        apdu[6] = (byte) n;
        System.arraycopy(SimCard.pattern(n), 0, apdu, 7, n);
        return apdu;
    }

    static byte[] okWith(byte[] data) {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) 0x90;
        return out;
    }
}
