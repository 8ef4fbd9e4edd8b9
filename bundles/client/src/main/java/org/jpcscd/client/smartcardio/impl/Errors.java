package org.jpcscd.client.smartcardio.impl;

import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;

/** PC/SC codes to the exceptions javax.smartcardio documents. */
final class Errors {
    private Errors() {
    }

    static boolean cardGone(ScardException e) {
        return e.code() == ScardCode.W_REMOVED_CARD || e.code() == ScardCode.E_NO_SMARTCARD;
    }

    static boolean readerGone(ScardException e) {
        return e.code() == ScardCode.E_READER_UNAVAILABLE || e.code() == ScardCode.E_UNKNOWN_READER;
    }

    /** {@code CardNotPresentException} when the card is gone, else a {@code CardException}; the cause keeps the code. */
    static CardException toCardException(String what, ScardException e) {
        if (cardGone(e)) {
            return new CardNotPresentException(what + ": no card present (" + e.code() + ")", e);
        }
        if (readerGone(e)) {
            return new CardException(what + ": the reader is gone (" + e.code() + ")", e);
        }
        return new CardException(what + " failed: " + e.getMessage(), e);
    }
}
