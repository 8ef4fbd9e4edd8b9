package org.jpcscd.client;

import static org.jpcscd.api.EventStateBits.CHANGED;
import static org.jpcscd.api.EventStateBits.EMPTY;
import static org.jpcscd.api.EventStateBits.EXCLUSIVE;
import static org.jpcscd.api.EventStateBits.INUSE;
import static org.jpcscd.api.EventStateBits.PRESENT;
import static org.jpcscd.api.EventStateBits.UNAVAILABLE;
import static org.jpcscd.api.EventStateBits.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jpcscd.api.CardStateBits;
import org.jpcscd.wire.ReaderStateEntry;
import org.junit.jupiter.api.Test;

/** libpcsclite 1.9.9's event-state rules, on dumps built by hand (§4.5 of the wire fact sheet). */
class StatusChangeRulesTest {
    private static final byte[] ATR = {0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01};

    private static ReaderStateEntry reader(String name, int counter, int state, int sharing) {
        boolean card = (state & CardStateBits.PRESENT) != 0;
        return new ReaderStateEntry(name, counter, state, sharing, card ? ATR : new byte[0], card ? ATR.length : 0, 0);
    }

    private static final int POWERED_CARD = CardStateBits.PRESENT | CardStateBits.POWERED | CardStateBits.NEGOTIABLE;

    @Test
    void unawareCallerSeesTheCardWithCounterAndAtr() {
        ReaderState rs = ReaderState.unaware("A 00 00");
        assertTrue(StatusChangeRules.evaluate(List.of(rs), List.of(reader("A 00 00", 1, POWERED_CARD, 0)), 1));
        assertEquals(0x00010000 | PRESENT | CHANGED, rs.eventState(), rs.toString());
        assertEquals(ATR.length, rs.atr().length);
    }

    @Test
    void knownStateWithTheSameCounterIsNoChange() {
        ReaderState rs = new ReaderState("A 00 00", 0x00010000 | PRESENT);
        assertFalse(StatusChangeRules.evaluate(List.of(rs), List.of(reader("A 00 00", 1, POWERED_CARD, 0)), 1));
        assertEquals(0x00010000 | PRESENT, rs.eventState());
    }

    @Test
    void aCounterThatMovedIsAChangeEvenIfTheCardLooksTheSame() {
        // Out and back in between two calls: only the counter tells.
        ReaderState rs = new ReaderState("A 00 00", 0x00010000 | PRESENT);
        assertTrue(StatusChangeRules.evaluate(List.of(rs), List.of(reader("A 00 00", 3, POWERED_CARD, 0)), 1));
        assertEquals(3, rs.eventState() >>> 16);
    }

    @Test
    void removalIsEmptyAndChangedWithNoAtr() {
        ReaderState rs = new ReaderState("A 00 00", 0x00010000 | PRESENT);
        assertTrue(StatusChangeRules.evaluate(List.of(rs), List.of(reader("A 00 00", 2, CardStateBits.ABSENT, 0)), 1));
        assertEquals(0x00020000 | EMPTY | CHANGED, rs.eventState());
        assertEquals(0, rs.atr().length);
    }

    @Test
    void goingFromUnusedToInUseIsNotReportedButBackIs() {
        ReaderState rs = new ReaderState("A 00 00", 0x00010000 | PRESENT);
        assertFalse(StatusChangeRules.evaluate(List.of(rs), List.of(reader("A 00 00", 1, POWERED_CARD, 1)), 1));
        assertEquals(0x00010000 | PRESENT | INUSE, rs.eventState());
        rs.acknowledge();
        assertTrue(StatusChangeRules.evaluate(List.of(rs), List.of(reader("A 00 00", 1, POWERED_CARD, 0)), 1));
        rs.acknowledge();
        assertFalse(StatusChangeRules.evaluate(List.of(rs), List.of(reader("A 00 00", 1, POWERED_CARD, -1)), 1));
        assertTrue(rs.has(EXCLUSIVE));
    }

    @Test
    void aMissingReaderIsUnknownOnceThenQuiet() {
        ReaderState rs = new ReaderState("Gone 00 00", 0x00010000 | PRESENT);
        assertTrue(StatusChangeRules.evaluate(List.of(rs), List.of(reader("A 00 00", 1, POWERED_CARD, 0)), 1));
        assertEquals(UNKNOWN | UNAVAILABLE | CHANGED, rs.eventState());
        rs.acknowledge();
        assertFalse(StatusChangeRules.evaluate(List.of(rs), List.of(reader("A 00 00", 1, POWERED_CARD, 0)), 1));
    }

    @Test
    void aReaderInErrorIsUnavailable() {
        ReaderState rs = new ReaderState("A 00 00", 0x00010000 | PRESENT);
        assertTrue(StatusChangeRules.evaluate(List.of(rs), List.of(reader("A 00 00", 1, CardStateBits.UNKNOWN, 0)), 1));
        assertTrue(rs.has(UNAVAILABLE));
    }

    @Test
    void pnpChangesWhenTheReaderCountChangesDuringTheCall() {
        ReaderState pnp = ReaderState.pnp();
        List<ReaderStateEntry> one = List.of(reader("A 00 00", 1, POWERED_CARD, 0));
        assertFalse(StatusChangeRules.evaluate(List.of(pnp), one, 1), "UNAWARE alone blocks, as in libpcsclite");
        List<ReaderStateEntry> two = List.of(reader("A 00 00", 1, POWERED_CARD, 0), reader("B 00 00", 1, CardStateBits.ABSENT, 0));
        assertTrue(StatusChangeRules.evaluate(List.of(pnp), two, 1));
    }

    @Test
    void pnpFingerprintReportsReadersSwappedBetweenCalls() {
        ReaderState pnp = ReaderState.pnp();
        StatusChangeRules.evaluate(List.of(pnp), List.of(reader("A 00 00", 1, POWERED_CARD, 0)), 1);
        assertTrue(pnp.eventState() >>> 16 != 0, "a non-zero fingerprint");
        pnp.acknowledge();
        // Same count, another reader: the count rule misses it (pcsc-lite issue #190), the fingerprint does not.
        assertTrue(StatusChangeRules.evaluate(List.of(pnp), List.of(reader("B 00 00", 1, POWERED_CARD, 0)), 1));
        pnp.acknowledge();
        assertFalse(StatusChangeRules.evaluate(List.of(pnp), List.of(reader("B 00 00", 5, CardStateBits.ABSENT, 0)), 1));
    }
}
