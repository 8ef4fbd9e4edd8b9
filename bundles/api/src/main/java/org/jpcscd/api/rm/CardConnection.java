package org.jpcscd.api.rm;

import java.time.Duration;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;

/**
 * A card handle ({@code SCARDHANDLE}) obtained from {@link ClientContext#connect}. Every call fails
 * with the {@code SCARD_*} code pcscd gives in the same situation; a handle whose reader has gone
 * answers {@code SCARD_E_INVALID_VALUE} except to {@link #disconnect}, which succeeds.
 */
public interface CardConnection {
    /** The 31-bit handle value, unique among live handles of the daemon. */
    int handle();

    ClientContext context();

    String readerName();

    ShareMode shareMode();

    /** The protocol negotiated for this handle, or null (direct connection without card). */
    Protocol activeProtocol();

    /** {@code SCardReconnect}: returns the protocol now active. Clears this handle's reset/removed flag. */
    Protocol reconnect(ShareMode mode, int preferredProtocols, Disposition initialization) throws ScardException;

    /** {@code SCardDisconnect}. Always removes the handle, whatever the card does. */
    void disconnect(Disposition disposition) throws ScardException;

    /**
     * {@code SCardBeginTransaction}: waits up to {@code wait} for another handle's transaction to end,
     * then fails with {@code SCARD_E_SHARING_VIOLATION}. pcscd's daemon waits 100 ms and lets the
     * client retry.
     */
    void beginTransaction(Duration wait) throws ScardException;

    void endTransaction(Disposition disposition) throws ScardException;

    /**
     * {@code SCardTransmit}: sends the APDU with {@code sendProtocol} (the ioSendPci protocol) and
     * returns the whole response.
     */
    byte[] transmit(int sendProtocol, byte[] command) throws ScardException;

    byte[] control(int controlCode, byte[] input) throws ScardException;

    byte[] getAttribute(int attributeId) throws ScardException;

    void setAttribute(int attributeId, byte[] value) throws ScardException;

    CardStatus status() throws ScardException;

    /**
     * Whether this handle holds the reader's transaction lock through {@code SCardBeginTransaction}
     * now (an exclusive connection alone does not count). For administration; false by default.
     */
    default boolean holdsTransaction() {
        return false;
    }
}
