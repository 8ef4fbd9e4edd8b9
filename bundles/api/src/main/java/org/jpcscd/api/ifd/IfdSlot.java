package org.jpcscd.api.ifd;

import java.util.Optional;
import org.jpcscd.api.Protocol;

/**
 * One card slot of a reader (a pcsc-lite Lun). The core calls a slot from one thread at a time unless
 * the reader says its slots are independent ({@link IfdReader#slotsAreIndependent()}); methods may
 * block for as long as the card takes.
 */
public interface IfdSlot {
    /** Slot index within the reader, from 0. */
    int index();

    /** Presence as the reader sees it now (drivers with events answer from their cached state). */
    boolean isCardPresent() throws IfdException;

    /** Powers the card up (cold reset if needed) and returns its ATR. */
    byte[] powerUp() throws IfdException;

    /** Warm reset (powers up an unpowered card) and returns the ATR. */
    byte[] warmReset() throws IfdException;

    void powerDown() throws IfdException;

    /**
     * Selects the transmission protocol, doing PPS when needed.
     *
     * @throws IfdException {@code PROTOCOL_NOT_SUPPORTED} when the card or reader cannot use it,
     *     {@code NOT_SUPPORTED} when the reader chooses by itself (the ATR default then stands),
     *     {@code ERROR_PTS_FAILURE} when the card refused the PPS
     */
    void setProtocol(Pps pps) throws IfdException;

    /**
     * Sends one APDU (T=1 or T=0 as TPDU per ISO 7816-3, the driver does the framing) and returns the
     * card's whole response including SW1 SW2. {@code 61xx}/{@code 6Cxx} go back to the caller.
     */
    byte[] transmit(Protocol protocol, byte[] command) throws IfdException;

    /** {@code SCardControl}: reader-level command; {@code NOT_SUPPORTED} for unknown codes. */
    byte[] control(int controlCode, byte[] input) throws IfdException;

    /** {@code SCardGetAttrib}: the attribute's value, or empty when the driver does not know it. */
    Optional<byte[]> getAttribute(int attributeId) throws IfdException;

    /** {@code SCardSetAttrib}; {@code ERROR_TAG} for an attribute the driver does not know. */
    default void setAttribute(int attributeId, byte[] value) throws IfdException {
        throw new IfdException(IfdResponseCode.ERROR_TAG, String.format("attribute 0x%08X", attributeId));
    }
}
