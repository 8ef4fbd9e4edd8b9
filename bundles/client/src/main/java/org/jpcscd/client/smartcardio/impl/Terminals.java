package org.jpcscd.client.smartcardio.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

import org.jpcscd.api.EventStateBits;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.client.Context;
import org.jpcscd.client.ReaderState;

/**
 * The terminals of the factory's context, with SunPCSC's event bookkeeping: each reader's state
 * before and after the last {@link #waitForChange(long)} decides {@code CARD_INSERTION} and
 * {@code CARD_REMOVAL}.
 *
 * <p>{@code waitForChange} contract: the first call records every reader's state and then waits
 * like the others; a call returns true as soon as a card was inserted or removed in any reader, or
 * a reader appeared or disappeared, compared with the state recorded at the previous return; false
 * when the timeout (0 = none) passes first. Other clients connecting or disconnecting do not wake
 * it. With no reader at all it waits for one to be plugged in.
 */
final class Terminals extends CardTerminals {
    private final ContextHolder contexts;
    /** reader → {state at the previous return, state at the last return}; null until the first wait. */
    private Map<String, int[]> states;
    private int pnpState;

    Terminals(ContextHolder contexts) {
        this.contexts = contexts;
    }

    @Override
    public synchronized List<CardTerminal> list(State state) throws CardException {
        Objects.requireNonNull(state, "state");
        State wanted = state;
        if (states == null) {
            // Before any waitForChange, event queries are status queries (as in SunPCSC).
            wanted = state == State.CARD_INSERTION ? State.CARD_PRESENT
                    : state == State.CARD_REMOVAL ? State.CARD_ABSENT : state;
        }
        try {
            List<String> names = contexts.call(Context::listReaders);
            Map<String, Integer> now = wanted == State.CARD_PRESENT || wanted == State.CARD_ABSENT ? look(names) : Map.of();
            List<CardTerminal> result = new ArrayList<>();
            for (String name : names) {
                boolean include = switch (wanted) {
                    case ALL -> true;
                    case CARD_PRESENT -> present(now.getOrDefault(name, 0));
                    case CARD_ABSENT -> !present(now.getOrDefault(name, EventStateBits.EMPTY));
                    case CARD_INSERTION -> states.containsKey(name) && !present(states.get(name)[0]) && present(states.get(name)[1]);
                    case CARD_REMOVAL -> states.containsKey(name) && present(states.get(name)[0]) && !present(states.get(name)[1]);
                };
                if (include) {
                    result.add(terminal(name));
                }
            }
            return Collections.unmodifiableList(result);
        } catch (ScardException e) {
            throw new CardException("list() failed: " + e.getMessage(), e);
        }
    }

    /** The terminal with this name, or null when the daemon has no such reader (as the javadoc says). */
    @Override
    public synchronized CardTerminal getTerminal(String name) {
        Objects.requireNonNull(name, "name");
        try {
            return contexts.call(Context::listReaders).contains(name) ? terminal(name) : null;
        } catch (ScardException e) {
            return null;
        }
    }

    private Terminal terminal(String name) {
        return contexts.terminal(name);
    }

    @Override
    public synchronized boolean waitForChange(long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("Timeout must not be negative: " + timeout);
        }
        long deadline = System.nanoTime() + timeout * 1_000_000L;
        try {
            if (states == null) {
                states = new HashMap<>();
                record(contexts.call(Context::listReaders));
            }
            while (true) {
                List<String> names = contexts.call(Context::listReaders);
                List<ReaderState> watched = new ArrayList<>();
                for (String name : names) {
                    int[] known = states.get(name);
                    watched.add(new ReaderState(name, known == null ? EventStateBits.UNAWARE : known[1] & ~EventStateBits.CHANGED));
                }
                ReaderState pnp = ReaderState.pnp().currentState(pnpState);
                watched.add(pnp);
                long remaining = timeout == 0 ? -1 : (deadline - System.nanoTime()) / 1_000_000L;
                if (timeout != 0 && remaining <= 0) {
                    return false;
                }
                try {
                    contexts.callWaiting(ctx -> {
                        ctx.getStatusChange(remaining, watched);
                        return null;
                    });
                } catch (ScardException e) {
                    if (e.code() == ScardCode.E_TIMEOUT) {
                        return false;
                    }
                    if (e.code() != ScardCode.E_UNKNOWN_READER) {
                        throw e;
                    }
                    // A reader went away between listing and waiting: that is a change.
                    record(contexts.call(Context::listReaders));
                    return true;
                }
                boolean readersChanged = pnp.changed() || !states.keySet().equals(new java.util.HashSet<>(names));
                if (readersChanged) {
                    record(contexts.call(Context::listReaders));
                    return true;
                }
                boolean presenceChanged = false;
                for (ReaderState rs : watched) {
                    if (rs.isPnp()) {
                        continue;
                    }
                    int[] known = states.get(rs.readerName());
                    presenceChanged |= present(known[1]) != present(rs.eventState());
                }
                if (presenceChanged) {
                    for (ReaderState rs : watched) {
                        if (!rs.isPnp()) {
                            int[] known = states.get(rs.readerName());
                            states.put(rs.readerName(), new int[] {known[1], rs.eventState()});
                        }
                    }
                    return true;
                }
                // Only sharing changed (another client connected): note it and keep waiting.
                for (ReaderState rs : watched) {
                    if (!rs.isPnp()) {
                        states.get(rs.readerName())[1] = rs.eventState();
                    }
                }
            }
        } catch (ScardException e) {
            throw new CardException("waitForChange() failed: " + e.getMessage(), e);
        }
    }

    /** Takes a fresh look at every reader: previous := last known (UNAWARE for a new one), current := now. */
    private void record(List<String> names) throws ScardException {
        Map<String, Integer> now = look(names);
        Map<String, int[]> next = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : now.entrySet()) {
            int[] known = states.get(e.getKey());
            next.put(e.getKey(), new int[] {known == null ? EventStateBits.UNAWARE : known[1], e.getValue()});
        }
        states = next;
        ReaderState pnp = ReaderState.pnp();
        try {
            contexts.call(ctx -> {
                ctx.getStatusChange(0, List.of(pnp));
                return null;
            });
        } catch (ScardException e) {
            if (e.code() != ScardCode.E_TIMEOUT) {
                throw e;
            }
        }
        pnpState = pnp.eventState() & ~EventStateBits.CHANGED;
    }

    /** Every reader's event state right now (readers that vanished meanwhile are left out). */
    private Map<String, Integer> look(List<String> names) throws ScardException {
        List<ReaderState> rs = new ArrayList<>();
        for (String n : names) {
            rs.add(ReaderState.unaware(n));
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        if (rs.isEmpty()) {
            return result;
        }
        contexts.call(ctx -> {
            ctx.getStatusChange(0, rs);
            return null;
        });
        for (ReaderState r : rs) {
            if (!r.has(EventStateBits.UNKNOWN)) {
                result.put(r.readerName(), r.eventState());
            }
        }
        return result;
    }

    private static boolean present(int state) {
        return (state & EventStateBits.PRESENT) != 0;
    }
}
