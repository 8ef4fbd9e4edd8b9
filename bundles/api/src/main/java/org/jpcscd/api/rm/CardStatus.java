package org.jpcscd.api.rm;

import org.jpcscd.api.Protocol;

/**
 * What {@code SCardStatus} returns for a handle.
 *
 * @param readerName the PC/SC reader name
 * @param cardState {@link org.jpcscd.api.CardStateBits} bits
 * @param protocol the active protocol, null for none
 * @param atr the card's ATR
 */
public record CardStatus(String readerName, int cardState, Protocol protocol, byte[] atr) {
    public CardStatus {
        atr = atr.clone();
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }
}
