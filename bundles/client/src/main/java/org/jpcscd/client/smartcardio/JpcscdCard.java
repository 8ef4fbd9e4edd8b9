package org.jpcscd.client.smartcardio;

import javax.smartcardio.CardException;

import org.jpcscd.api.Disposition;
import org.jpcscd.api.ShareMode;

/**
 * What a {@code javax.smartcardio.Card} of this provider offers beyond the standard API:
 * {@code ((JpcscdCard) card).disconnect(Disposition.UNPOWER)}.
 */
public interface JpcscdCard {
    /** Disconnects, leaving, resetting, powering down or ejecting the card. */
    void disconnect(Disposition disposition) throws CardException;

    /** The share mode the card was connected with. */
    ShareMode shareMode();
}
