package org.jpcscd.api;

import java.util.EnumSet;
import java.util.Set;

/** Card transmission protocols with pcsc-lite's {@code SCARD_PROTOCOL_*} bit values. */
public enum Protocol {
    T0(0x0001),
    T1(0x0002),
    RAW(0x0004),
    T15(0x0008);

    /** {@code SCARD_PROTOCOL_UNDEFINED}: no protocol negotiated. */
    public static final int UNDEFINED_MASK = 0x0000;
    /** {@code SCARD_PROTOCOL_ANY} = T0 | T1. */
    public static final int ANY_MASK = 0x0003;
    /** The legacy "any" value pcscd still accepts in a connect request. */
    public static final int LEGACY_ANY_MASK = 0x1000;

    private final int mask;

    Protocol(int mask) {
        this.mask = mask;
    }

    public int mask() {
        return mask;
    }

    /** The protocols named in a {@code dwPreferredProtocols} bit set (the legacy bit means T0|T1). */
    public static Set<Protocol> fromMask(int mask) {
        Set<Protocol> set = EnumSet.noneOf(Protocol.class);
        for (Protocol p : values()) {
            if ((mask & p.mask) != 0) {
                set.add(p);
            }
        }
        if ((mask & LEGACY_ANY_MASK) != 0) {
            set.add(T0);
            set.add(T1);
        }
        return set;
    }

    public static int toMask(Set<Protocol> protocols) {
        int mask = 0;
        for (Protocol p : protocols) {
            mask |= p.mask;
        }
        return mask;
    }

    /** The single protocol with this mask, or {@code null} for 0 or an unknown value. */
    public static Protocol fromSingleMask(int mask) {
        for (Protocol p : values()) {
            if (p.mask == mask) {
                return p;
            }
        }
        return null;
    }

    /** The mask of a possibly-absent protocol: 0 ({@code SCARD_PROTOCOL_UNDEFINED}) for null. */
    public static int maskOf(Protocol protocol) {
        return protocol == null ? UNDEFINED_MASK : protocol.mask;
    }
}
