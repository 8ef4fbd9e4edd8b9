package org.jpcscd.api;

import java.util.StringJoiner;

/** Renders a bit set as "NAME|NAME" for logs and shell output. */
final class BitNames {
    private BitNames() {
    }

    static String join(int bits, String[] namesFromBit, int firstBit) {
        StringJoiner joiner = new StringJoiner("|");
        int rest = bits;
        for (int i = 0; i < namesFromBit.length; i++) {
            int bit = 1 << (firstBit + i);
            if ((bits & bit) != 0) {
                joiner.add(namesFromBit[i]);
                rest &= ~bit;
            }
        }
        if (rest != 0) {
            joiner.add(String.format("0x%X", rest));
        }
        return joiner.length() == 0 ? "0" : joiner.toString();
    }
}
