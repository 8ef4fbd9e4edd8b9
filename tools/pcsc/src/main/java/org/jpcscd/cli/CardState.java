package org.jpcscd.cli;

import java.util.ArrayList;
import java.util.List;

import org.jpcscd.api.EventStateBits;

/** An event state in words, as pcsc_scan prints it. */
final class CardState {
    private CardState() {
    }

    static String describe(int state) {
        List<String> words = new ArrayList<>();
        if ((state & EventStateBits.UNAVAILABLE) != 0 || (state & EventStateBits.UNKNOWN) != 0) {
            words.add("reader unavailable");
        }
        if ((state & EventStateBits.EMPTY) != 0) {
            words.add("no card");
        }
        if ((state & EventStateBits.PRESENT) != 0) {
            words.add("card present");
        }
        if ((state & EventStateBits.MUTE) != 0) {
            words.add("card mute");
        }
        if ((state & EventStateBits.EXCLUSIVE) != 0) {
            words.add("used exclusively");
        } else if ((state & EventStateBits.INUSE) != 0) {
            words.add("in use");
        }
        return words.isEmpty() ? "state unknown" : String.join(", ", words);
    }
}
