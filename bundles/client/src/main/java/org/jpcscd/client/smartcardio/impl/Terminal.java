package org.jpcscd.client.smartcardio.impl;

import java.util.List;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;

import org.jpcscd.api.EventStateBits;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.client.CardHandle;
import org.jpcscd.client.ReaderState;

/** One reader. */
final class Terminal extends CardTerminal {
    private final String name;
    private final ContextHolder contexts;
    private CardImpl card;

    Terminal(String name, ContextHolder contexts) {
        this.name = name;
        this.contexts = contexts;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public synchronized Card connect(String protocol) throws CardException {
        if (protocol == null) {
            throw new NullPointerException("protocol");
        }
        if (card != null) {
            // As SunPCSC: one Card per terminal while it is valid.
            if (card.isValid()) {
                if (protocol.equals("*") || protocol.equalsIgnoreCase(card.getProtocol())) {
                    return card;
                }
                throw new CardException("Cannot connect using " + protocol + ", connection already established using "
                        + card.getProtocol());
            }
            card = null;
        }
        // Parsed only now, as SunPCSC does: with a live card, a bad string is a CardException above.
        ConnectSpec spec = ConnectSpec.parse(protocol);
        try {
            CardHandle handle = contexts.call(ctx -> ctx.connect(name, spec.shareMode(), spec.protocols()));
            card = new CardImpl(handle);
            return card;
        } catch (ScardException e) {
            throw Errors.toCardException("connect()", e);
        }
    }

    @Override
    public boolean isCardPresent() throws CardException {
        try {
            return (look(0, 0) & EventStateBits.PRESENT) != 0;
        } catch (ScardException e) {
            throw Errors.toCardException("isCardPresent()", e);
        }
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return waitForCard(true, timeout);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return waitForCard(false, timeout);
    }

    /** Unlike SunPCSC, a timeout of 0 really waits without limit (it looked once and returned). */
    private boolean waitForCard(boolean wantPresent, long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        long deadline = System.nanoTime() + timeout * 1_000_000L;
        try {
            int state = look(0, 0);
            while (((state & EventStateBits.PRESENT) != 0) != wantPresent) {
                long remaining = timeout == 0 ? -1 : (deadline - System.nanoTime()) / 1_000_000L;
                if (timeout != 0 && remaining <= 0) {
                    return false;
                }
                try {
                    state = look(remaining, state & ~EventStateBits.CHANGED);
                } catch (ScardException e) {
                    if (e.code() == ScardCode.E_TIMEOUT) {
                        return false;
                    }
                    throw e;
                }
            }
            return true;
        } catch (ScardException e) {
            throw Errors.toCardException("waitForCard()", e);
        }
    }

    private int look(long timeout, int current) throws ScardException {
        ReaderState rs = new ReaderState(name, current);
        ContextHolder.Call<Void> wait = ctx -> {
            ctx.getStatusChange(timeout, List.of(rs));
            return null;
        };
        if (timeout != 0) {
            contexts.callWaiting(wait);
        } else {
            contexts.call(wait);
        }
        if (rs.has(EventStateBits.UNKNOWN)) {
            throw new ScardException(ScardCode.E_UNKNOWN_READER, name);
        }
        return rs.eventState();
    }

    @Override
    public String toString() {
        return "PC/SC terminal " + name;
    }
}
