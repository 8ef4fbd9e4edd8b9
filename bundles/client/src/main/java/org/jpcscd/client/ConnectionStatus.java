package org.jpcscd.client;

import java.util.HexFormat;

import org.jpcscd.api.CardStateBits;

/**
 * What {@code SCardStatus} reports for a card handle.
 *
 * @param readerName the reader the handle was connected to
 * @param state the reader's event counter in the high 16 bits, its {@link CardStateBits} in the low ones
 * @param protocol the negotiated {@code SCARD_PROTOCOL_*} mask (0 if none)
 * @param atr the card's ATR (empty without a card)
 */
public record ConnectionStatus(String readerName, int state, int protocol, byte[] atr) {
    public ConnectionStatus {
        atr = atr.clone();
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    /** The {@link CardStateBits} without the counter. */
    public int cardState() {
        return state & 0xFFFF;
    }

    public int eventCounter() {
        return state >>> 16;
    }

    @Override
    public String toString() {
        return "ConnectionStatus[" + readerName + ", " + CardStateBits.describe(cardState()) + ", counter="
                + eventCounter() + ", protocol=" + protocol + ", atr=" + HexFormat.of().formatHex(atr) + "]";
    }
}
