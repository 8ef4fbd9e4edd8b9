package org.jpcscd.api.rm;

import org.jpcscd.api.Protocol;

/**
 * One reader slot as clients see it (an entry of pcscd's shared reader-state array).
 *
 * @param index the slot's position in the reader-state array (first free index when it appeared)
 * @param name the PC/SC reader name, e.g. "jpcscd Virtual Reader 00 00"
 * @param driver the symbolic name of the bundle that registered the reader
 * @param eventCounter card insertions plus removals, wrapping at 0xFFFF
 * @param cardState {@link org.jpcscd.api.CardStateBits} bits
 * @param sharing -1 when held exclusively, 0 unused, else the number of shared/direct handles
 * @param atr the card's ATR, empty without a card
 * @param protocol the negotiated protocol, null when none was negotiated since power-up
 * @param initialising true while a new reader has not finished its first presence check (with a card:
 *     until the card is powered), the time pcscd shows {@code READER_NOT_INITIALIZED}
 */
public record ReaderStatus(
        int index,
        String name,
        String driver,
        int eventCounter,
        int cardState,
        int sharing,
        byte[] atr,
        Protocol protocol,
        boolean initialising) {
    public ReaderStatus {
        atr = atr.clone();
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    public boolean cardPresent() {
        return (cardState & org.jpcscd.api.CardStateBits.PRESENT) != 0;
    }
}
