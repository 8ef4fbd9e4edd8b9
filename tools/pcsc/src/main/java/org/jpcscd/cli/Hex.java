package org.jpcscd.cli;

import java.util.HexFormat;

/** Hex as people type it (spaces, colons, any case) in, spaced upper-case out. */
final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ").withUpperCase();

    private Hex() {
    }

    static byte[] parse(String text) {
        String digits = text.replaceAll("[\\s:]", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits in '" + text + "'");
        }
        return HexFormat.of().parseHex(digits);
    }

    static String format(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }
}
