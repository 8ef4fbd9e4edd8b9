package org.jpcscd.ifd.virtual.card;

/**
 * One simulated Java Card, as the reader's contacts see it. Implementations are not thread-safe:
 * the slot that holds the card serialises calls.
 */
public interface SimulatedCard {
    /**
     * Resets the card (cold or warm is the same for a simulator: RAM state is lost, the default
     * applet is selected again) and returns its ATR.
     */
    byte[] reset();

    /** Sends one command APDU and returns the response data followed by SW1 SW2. */
    byte[] transmit(byte[] command);
}
