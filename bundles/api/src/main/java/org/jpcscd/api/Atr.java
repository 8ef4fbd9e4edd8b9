package org.jpcscd.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An Answer To Reset, parsed as ISO/IEC 7816-3 describes it.
 *
 * <p>Interface bytes are kept per group: group 1 holds TA1, TB1, TC1, TD1; group 2 holds TA2 … and so
 * on. The protocol a group's bytes belong to is announced by the TD byte of the group before it.
 */
public final class Atr {
    /** {@code MAX_ATR_SIZE}: an ATR has at most 33 bytes. */
    public static final int MAX_LENGTH = 33;
    /** IFSC a T=1 card uses when its ATR does not give one. */
    public static final int DEFAULT_IFSC = 32;

    private static final int TS_DIRECT = 0x3B;
    private static final int TS_INVERSE = 0x3F;

    /** One group of interface bytes; a missing byte is -1. */
    public record InterfaceGroup(int index, int ta, int tb, int tc, int td) {
        public boolean hasTa() {
            return ta >= 0;
        }

        public boolean hasTb() {
            return tb >= 0;
        }

        public boolean hasTc() {
            return tc >= 0;
        }

        public boolean hasTd() {
            return td >= 0;
        }

        /** The protocol number TD announces for the following group, or -1 without TD. */
        public int nextProtocol() {
            return td < 0 ? -1 : td & 0x0F;
        }
    }

    private final byte[] bytes;
    private final List<InterfaceGroup> groups;
    private final byte[] historical;
    private final boolean tckPresent;

    private Atr(byte[] bytes, List<InterfaceGroup> groups, byte[] historical, boolean tckPresent) {
        this.bytes = bytes;
        this.groups = groups;
        this.historical = historical;
        this.tckPresent = tckPresent;
    }

    /**
     * Parses an ATR.
     *
     * @throws ScardException {@code SCARD_E_INVALID_ATR} when the bytes are not a well-formed ATR
     *     (bad TS, truncated, too long, bytes after the end)
     */
    public static Atr parse(byte[] atr) throws ScardException {
        if (atr == null || atr.length < 2) {
            throw invalid(atr, "shorter than TS and T0");
        }
        if (atr.length > MAX_LENGTH) {
            throw invalid(atr, "longer than " + MAX_LENGTH + " bytes");
        }
        int ts = atr[0] & 0xFF;
        if (ts != TS_DIRECT && ts != TS_INVERSE) {
            throw invalid(atr, String.format("TS is %02X, not 3B or 3F", ts));
        }
        int t0 = atr[1] & 0xFF;
        int historicalLength = t0 & 0x0F;
        int presence = t0 >> 4;
        int pos = 2;
        boolean onlyT0 = true;
        List<InterfaceGroup> groups = new ArrayList<>();
        for (int index = 1; presence != 0 || index == 1; index++) {
            int[] values = {-1, -1, -1, -1};
            for (int bit = 0; bit < 4; bit++) {
                if ((presence & (1 << bit)) != 0) {
                    if (pos >= atr.length) {
                        throw invalid(atr, "interface bytes run past the end");
                    }
                    values[bit] = atr[pos++] & 0xFF;
                }
            }
            InterfaceGroup group = new InterfaceGroup(index, values[0], values[1], values[2], values[3]);
            groups.add(group);
            if (group.hasTd()) {
                if (group.nextProtocol() != 0) {
                    onlyT0 = false;
                }
                presence = group.td() >> 4;
            } else {
                presence = 0;
            }
            if (presence == 0) {
                break;
            }
        }
        if (pos + historicalLength > atr.length) {
            throw invalid(atr, "historical bytes run past the end");
        }
        byte[] historical = Arrays.copyOfRange(atr, pos, pos + historicalLength);
        pos += historicalLength;
        boolean tckPresent = !onlyT0;
        if (tckPresent) {
            if (pos >= atr.length) {
                throw invalid(atr, "TCK missing");
            }
            pos++;
        }
        if (pos != atr.length) {
            throw invalid(atr, (atr.length - pos) + " byte(s) after the end");
        }
        return new Atr(atr.clone(), Collections.unmodifiableList(groups), historical, tckPresent);
    }

    private static ScardException invalid(byte[] atr, String why) {
        String hex = atr == null ? "null" : HexFormat.ofDelimiter(" ").withUpperCase().formatHex(atr);
        return new ScardException(ScardCode.E_INVALID_ATR, why + ": " + hex);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** True for the inverse convention (TS = 3F). */
    public boolean inverseConvention() {
        return (bytes[0] & 0xFF) == TS_INVERSE;
    }

    public List<InterfaceGroup> interfaceGroups() {
        return groups;
    }

    public byte[] historicalBytes() {
        return historical.clone();
    }

    public boolean hasTck() {
        return tckPresent;
    }

    /** True when the XOR of T0 … TCK is 0, or when no TCK is due (T=0 only). */
    public boolean tckValid() {
        if (!tckPresent) {
            return true;
        }
        int x = 0;
        for (int i = 1; i < bytes.length; i++) {
            x ^= bytes[i] & 0xFF;
        }
        return x == 0;
    }

    private OptionalInt groupByte(int index, int which) {
        if (index > groups.size()) {
            return OptionalInt.empty();
        }
        InterfaceGroup g = groups.get(index - 1);
        int v = switch (which) {
            case 0 -> g.ta();
            case 1 -> g.tb();
            case 2 -> g.tc();
            default -> g.td();
        };
        return v < 0 ? OptionalInt.empty() : OptionalInt.of(v);
    }

    public OptionalInt ta1() {
        return groupByte(1, 0);
    }

    public OptionalInt tb1() {
        return groupByte(1, 1);
    }

    public OptionalInt tc1() {
        return groupByte(1, 2);
    }

    public OptionalInt td1() {
        return groupByte(1, 3);
    }

    public OptionalInt ta2() {
        return groupByte(2, 0);
    }

    /** Fi/Di byte: TA1, or 0x11 (Fi=372, Di=1) by default. */
    public int fiDi() {
        return ta1().orElse(0x11);
    }

    /** Extra guard time N from TC1 (0 by default). */
    public int extraGuardTime() {
        return tc1().orElse(0);
    }

    /** The transmission protocols the card offers (T=0 alone when no TD byte names one). */
    public Set<Protocol> protocols() {
        Set<Protocol> set = EnumSet.noneOf(Protocol.class);
        for (InterfaceGroup g : groups) {
            if (g.hasTd()) {
                Protocol p = fromNumber(g.nextProtocol());
                // T=15 only announces global interface bytes; it is not a transmission protocol.
                if (p != null && p != Protocol.T15) {
                    set.add(p);
                }
            }
        }
        if (set.isEmpty()) {
            set.add(Protocol.T0);
        }
        return set;
    }

    /** The protocol the card uses right after reset: the first one TD1 names, T=0 without TD1. */
    public Protocol defaultProtocol() {
        if (groups.get(0).hasTd()) {
            Protocol p = fromNumber(groups.get(0).nextProtocol());
            if (p != null) {
                return p;
            }
        }
        return Protocol.T0;
    }

    /**
     * The protocol TA2 imposes when the card is in specific mode, or empty in negotiable mode.
     * A card in specific mode uses this protocol without PPS.
     */
    public Optional<Protocol> specificModeProtocol() {
        OptionalInt ta2 = ta2();
        if (ta2.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(fromNumber(ta2.getAsInt() & 0x0F));
    }

    /** IFSC: the first TA(i), i ≥ 3, after a TD announcing T=1; {@link #DEFAULT_IFSC} otherwise. */
    public int ifsc() {
        return firstT1Byte(0).orElse(DEFAULT_IFSC);
    }

    /** TB(i) for T=1: BWI in the high nibble, CWI in the low; default BWI 4, CWI 13. */
    public int t1BlockWaitingByte() {
        return firstT1Byte(1).orElse(0x4D);
    }

    /** TC(i) for T=1: bit 0 set means CRC, else LRC. */
    public boolean t1UsesCrc() {
        return (firstT1Byte(2).orElse(0) & 0x01) != 0;
    }

    private OptionalInt firstT1Byte(int which) {
        for (int i = 2; i < groups.size(); i++) {
            if (groups.get(i - 1).nextProtocol() == 1) {
                OptionalInt v = groupByte(i + 1, which);
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return OptionalInt.empty();
    }

    private static Protocol fromNumber(int t) {
        return switch (t) {
            case 0 -> Protocol.T0;
            case 1 -> Protocol.T1;
            case 15 -> Protocol.T15;
            default -> null;
        };
    }

    /** Upper-case hex with spaces, e.g. "3B 80 80 01 01". */
    public String toHex() {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Atr other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
