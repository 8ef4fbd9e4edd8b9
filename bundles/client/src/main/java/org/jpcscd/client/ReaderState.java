package org.jpcscd.client;

import java.util.Objects;

import org.jpcscd.api.EventStateBits;

/**
 * One entry of {@link Context#getStatusChange}: the reader to watch and the state the caller believes
 * it is in ({@code dwCurrentState}); the call fills in the state it found ({@code dwEventState}) and
 * the card's ATR. To wait for the next change, copy {@link #eventState()} into
 * {@link #currentState(int)} ({@link #acknowledge()} does that) and call again.
 *
 * <p>Bits are {@link EventStateBits}; the high 16 bits carry the reader's event counter (for the
 * {@linkplain EventStateBits#PNP_NOTIFICATION PnP pseudo reader}: a fingerprint of the reader list).
 */
public final class ReaderState {
    private final String readerName;
    private int currentState;
    private int eventState;
    private byte[] atr = new byte[0];

    public ReaderState(String readerName, int currentState) {
        this.readerName = Objects.requireNonNull(readerName, "readerName");
        this.currentState = currentState;
    }

    /** A reader the caller knows nothing about yet ({@code SCARD_STATE_UNAWARE}). */
    public static ReaderState unaware(String readerName) {
        return new ReaderState(readerName, EventStateBits.UNAWARE);
    }

    /** The pseudo reader that reports readers being added or removed. */
    public static ReaderState pnp() {
        return unaware(EventStateBits.PNP_NOTIFICATION);
    }

    public String readerName() {
        return readerName;
    }

    public boolean isPnp() {
        return readerName.equalsIgnoreCase(EventStateBits.PNP_NOTIFICATION);
    }

    public int currentState() {
        return currentState;
    }

    public ReaderState currentState(int state) {
        this.currentState = state;
        return this;
    }

    public int eventState() {
        return eventState;
    }

    /** Whether the last call reported a change for this reader. */
    public boolean changed() {
        return (eventState & EventStateBits.CHANGED) != 0;
    }

    /** Whether {@code bit} (an {@link EventStateBits} value) is set in the event state. */
    public boolean has(int bit) {
        return (eventState & bit) != 0;
    }

    /** Takes the event state as the new current state, without the CHANGED bit. */
    public ReaderState acknowledge() {
        this.currentState = eventState & ~EventStateBits.CHANGED;
        return this;
    }

    /** The card's ATR as last reported (empty without a card). */
    public byte[] atr() {
        return atr.clone();
    }

    void eventState(int state) {
        this.eventState = state;
    }

    void atr(byte[] value) {
        this.atr = value.clone();
    }

    @Override
    public String toString() {
        return readerName + ": current=" + EventStateBits.describe(currentState) + " event="
                + EventStateBits.describe(eventState) + " counter=" + EventStateBits.counter(eventState);
    }
}
