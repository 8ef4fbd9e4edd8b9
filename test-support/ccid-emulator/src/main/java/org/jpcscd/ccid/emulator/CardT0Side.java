package org.jpcscd.ccid.emulator;

import java.util.Arrays;

/**
 * What a T=0 card answers to one TPDU when the reader handles the procedure bytes: case 2 returns
 * the data or {@code 6C La}, case 3 returns {@code 61 La} when data waits, GET RESPONSE fetches it.
 */
final class CardT0Side {
    private final SimCard card;
    private byte[] pending = new byte[0];

    CardT0Side(SimCard card) {
        this.card = card;
    }

    byte[] process(byte[] tpdu) {
        if (tpdu.length < 5) {
            return SimCard.sw(0x67, 0x00);
        }
        int ins = tpdu[1] & 0xFF;
        int p3 = tpdu[4] & 0xFF;
        if (ins == 0xC0) {
            int wanted = p3 == 0 ? 256 : p3;
            if (pending.length == 0) {
                return SimCard.sw(0x6F, 0x00);
            }
            if (wanted != pending.length) {
                return SimCard.sw(0x6C, pending.length & 0xFF);
            }
            byte[] out = SimCard.withSw(pending);
            pending = new byte[0];
            return out;
        }
        boolean case2 = tpdu.length == 5 && SimCard.producesData(ins) && ins != SimCard.INS_ECHO;
        if (case2) {
            byte[] response = card.process(tpdu);
            int dataLength = response.length - 2;
            int wanted = p3 == 0 ? 256 : p3;
            if (dataLength > 0 && dataLength != wanted) {
                return SimCard.sw(0x6C, dataLength & 0xFF);
            }
            return response;
        }
        // Case 1 or 3: P3 data bytes follow; a trailing Le byte is ignored like real readers do.
        byte[] apdu = Arrays.copyOf(tpdu, Math.min(tpdu.length, 5 + p3));
        byte[] response = card.process(apdu);
        int dataLength = response.length - 2;
        if (dataLength > 0) {
            pending = Arrays.copyOf(response, dataLength);
            return SimCard.sw(0x61, dataLength & 0xFF);
        }
        return response;
    }
}
