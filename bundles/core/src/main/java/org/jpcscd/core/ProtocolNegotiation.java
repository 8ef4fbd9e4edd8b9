package org.jpcscd.core;

import org.jpcscd.api.Atr;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.Pps;

/** pcscd's choice of T=0/T=1 on connect (ATRDecodeAtr + PHSetProtocol): T=1 preferred. */
final class ProtocolNegotiation {
    /** The driver call that selects a protocol; runs outside the reader's state lock. */
    interface ProtocolSetter {
        void set(Pps pps) throws IfdException;
    }

    private ProtocolNegotiation() {
    }

    /** The T=0/T=1 protocols the ATR offers as a mask; TA2 (specific mode) leaves only its protocol. */
    static int availableMask(byte[] atrBytes) {
        Atr atr = parse(atrBytes);
        if (atr == null) {
            return 0;
        }
        if (atr.specificModeProtocol().isPresent()) {
            return atr.specificModeProtocol().get().mask();
        }
        int mask = 0;
        for (Protocol p : atr.protocols()) {
            if (p == Protocol.T0 || p == Protocol.T1) {
                mask |= p.mask();
            }
        }
        return mask;
    }

    static Protocol defaultProtocol(byte[] atrBytes) {
        Atr atr = parse(atrBytes);
        if (atr == null) {
            return Protocol.T0;
        }
        return atr.specificModeProtocol().orElse(atr.defaultProtocol());
    }

    private static Atr parse(byte[] atrBytes) {
        try {
            return Atr.parse(atrBytes);
        } catch (ScardException e) {
            return null;
        }
    }

    /**
     * Negotiates a protocol for a card with this ATR.
     *
     * @param preferredMask the caller's T0/T1 bits (the legacy "any" bit already expanded)
     * @throws ScardException {@code SCARD_E_PROTO_MISMATCH} without a common protocol,
     *     {@code SCARD_W_UNRESPONSIVE_CARD} when the PPS failed
     */
    static Protocol negotiate(byte[] atr, int preferredMask, ProtocolSetter setter) throws ScardException {
        int preferred = preferredMask & Protocol.ANY_MASK;
        int available = availableMask(atr) & preferred;
        Protocol fallback = defaultProtocol(atr);
        if (preferred == 0 || (preferred & available) == 0) {
            throw new ScardException(ScardCode.E_PROTO_MISMATCH, "no protocol in common with the card");
        }
        preferred &= available;
        Protocol chosen = (preferred & Protocol.T1.mask()) != 0 ? Protocol.T1 : Protocol.T0;
        while (true) {
            try {
                setter.set(Pps.of(chosen));
                return chosen;
            } catch (IfdException e) {
                switch (e.code()) {
                    case PROTOCOL_NOT_SUPPORTED, ERROR_NOT_SUPPORTED -> {
                        if (fallback.mask() == preferred) {
                            throw new ScardException(ScardCode.W_UNRESPONSIVE_CARD, "PPS refused", e);
                        }
                        if ((fallback.mask() & preferred) == 0) {
                            throw new ScardException(ScardCode.E_PROTO_MISMATCH, "protocol refused", e);
                        }
                        // Retry once with the ATR's default protocol, as pcscd does.
                        chosen = fallback;
                        preferred = fallback.mask();
                    }
                    case NOT_SUPPORTED -> {
                        // The reader chooses by itself: the ATR default stands.
                        return fallback;
                    }
                    default -> throw new ScardException(ScardCode.W_UNRESPONSIVE_CARD, "PPS failed", e);
                }
            }
        }
    }
}
