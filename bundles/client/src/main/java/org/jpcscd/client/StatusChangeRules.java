package org.jpcscd.client;

import static org.jpcscd.api.EventStateBits.CHANGED;
import static org.jpcscd.api.EventStateBits.EMPTY;
import static org.jpcscd.api.EventStateBits.EXCLUSIVE;
import static org.jpcscd.api.EventStateBits.IGNORE;
import static org.jpcscd.api.EventStateBits.INUSE;
import static org.jpcscd.api.EventStateBits.MUTE;
import static org.jpcscd.api.EventStateBits.PRESENT;
import static org.jpcscd.api.EventStateBits.UNAVAILABLE;
import static org.jpcscd.api.EventStateBits.UNAWARE;
import static org.jpcscd.api.EventStateBits.UNKNOWN;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jpcscd.api.CardStateBits;
import org.jpcscd.wire.ReaderStateEntry;

/**
 * How libpcsclite 1.9.9 turns a reader-state dump into {@code dwEventState} values (its
 * {@code SCardGetStatusChange} loop body), so a Java program sees exactly what a C one sees —
 * including its quirks (a reader going from unused to in-use is not a change). One deliberate
 * addition for the PnP pseudo reader: the high word carries a fingerprint of the reader list, so a
 * caller that hands it back learns of readers added or removed between two calls (libpcsclite
 * 2.3+ does the same with a daemon counter the 4.4 protocol lacks).
 */
final class StatusChangeRules {
    private StatusChangeRules() {
    }

    /** The used entries of a dump, by name. */
    static Map<String, ReaderStateEntry> readers(List<ReaderStateEntry> dump) {
        return dump.stream().filter(ReaderStateEntry::isUsed)
                .collect(Collectors.toMap(ReaderStateEntry::name, Function.identity(), (a, b) -> a));
    }

    /**
     * Fills the event state of every entry from the dump.
     *
     * @param readerCountAtStart readers in the first dump of this call: the PnP entry changes when
     *        the count differs (libpcsclite's rule)
     * @return whether any entry changed
     */
    static boolean evaluate(List<ReaderState> states, List<ReaderStateEntry> dump, int readerCountAtStart) {
        Map<String, ReaderStateEntry> readers = readers(dump);
        boolean any = false;
        for (ReaderState rs : states) {
            int current = rs.currentState();
            int event;
            if ((current & IGNORE) != 0) {
                event = IGNORE;
            } else if (rs.isPnp()) {
                event = pnp(current, readers, readerCountAtStart);
            } else {
                ReaderStateEntry entry = readers.get(rs.readerName());
                if (entry == null) {
                    event = UNKNOWN | UNAVAILABLE | ((current & UNKNOWN) == 0 ? CHANGED : 0);
                    rs.atr(new byte[0]);
                } else {
                    event = reader(current, entry);
                    boolean card = (entry.readerState() & CardStateBits.PRESENT) != 0;
                    rs.atr(card ? entry.atrBytes() : new byte[0]);
                }
            }
            rs.eventState(event);
            any |= (event & CHANGED) != 0;
        }
        return any;
    }

    private static int pnp(int current, Map<String, ReaderStateEntry> readers, int readerCountAtStart) {
        int fingerprint = fingerprint(readers);
        int event = fingerprint << 16;
        if (readers.size() != readerCountAtStart) {
            event |= CHANGED;
        }
        int known = current >>> 16;
        if (known != 0 && known != fingerprint) {
            event |= CHANGED;
        }
        return event;
    }

    /** A non-zero 16-bit digest of the set of reader names (order-insensitive). */
    static int fingerprint(Map<String, ReaderStateEntry> readers) {
        int h = readers.keySet().stream().sorted().collect(Collectors.joining("\0")).hashCode() * 31 + readers.size();
        int folded = (h ^ (h >>> 16)) & 0xFFFF;
        return folded == 0 ? 1 : folded;
    }

    private static int reader(int current, ReaderStateEntry entry) {
        int counter = entry.eventCounter() & 0xFFFF;
        int event = 0;
        if ((current & UNKNOWN) != 0) {
            event |= CHANGED;
        }
        int known = current >>> 16;
        if (known != 0 && known != counter) {
            event |= CHANGED;
        }
        event = (event & 0xFFFF) | (counter << 16);

        int state = entry.readerState();
        if ((state & CardStateBits.UNKNOWN) != 0) {
            event = UNAVAILABLE | ((current & UNAVAILABLE) == 0 ? CHANGED : 0);
        } else if ((current & UNAVAILABLE) != 0) {
            event |= CHANGED;
        }

        boolean present = false;
        if ((state & CardStateBits.ABSENT) != 0) {
            event |= EMPTY;
            if ((current & PRESENT) != 0) {
                event |= CHANGED;
            }
        } else if ((state & CardStateBits.PRESENT) != 0) {
            present = true;
            event |= PRESENT;
            if ((current & EMPTY) != 0) {
                event |= CHANGED;
            }
        }
        if ((state & CardStateBits.SWALLOWED) != 0) {
            event |= MUTE;
            if ((current & MUTE) == 0) {
                event |= CHANGED;
            }
        } else if ((current & MUTE) != 0) {
            event |= CHANGED;
        }

        int sharing = entry.sharing();
        if (sharing == -1) {
            event |= EXCLUSIVE;
            if ((current & INUSE) != 0) {
                event |= CHANGED;
            }
        } else if (sharing >= 1) {
            if (present) {
                event |= INUSE;
                if ((current & EXCLUSIVE) != 0) {
                    event |= CHANGED;
                }
            }
        } else if ((current & (INUSE | EXCLUSIVE)) != 0) {
            event |= CHANGED;
        }

        if (current == UNAWARE) {
            event |= CHANGED;
        }
        return event;
    }
}
