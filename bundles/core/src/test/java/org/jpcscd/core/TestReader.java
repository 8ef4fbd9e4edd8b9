package org.jpcscd.core;

import java.util.ArrayList;
import java.util.List;
import org.jpcscd.api.ifd.CardEventListener;
import org.jpcscd.api.ifd.IfdReader;

/** A reader for tests: any number of {@link TestSlot}s, polled or reporting card events. */
final class TestReader implements IfdReader {
    private final String name;
    final List<TestSlot> slots = new ArrayList<>();
    volatile boolean events;
    volatile boolean independent;
    volatile CardEventListener listener;
    /** When set, installing a listener stops there until the test lets it go. */
    volatile TestSlot.Block listenerBlock;

    TestReader(String name, int slotCount, boolean cardPresent) {
        this.name = name;
        for (int i = 0; i < slotCount; i++) {
            slots.add(new TestSlot(i, cardPresent));
        }
    }

    static TestReader withCard(String name) {
        return new TestReader(name, 1, true);
    }

    static TestReader empty(String name) {
        return new TestReader(name, 1, false);
    }

    TestReader reportingEvents() {
        events = true;
        return this;
    }

    TestSlot slot() {
        return slots.get(0);
    }

    /** Inserts or removes the card and tells the core as an event-reporting driver does. */
    void setCard(int slot, boolean present) {
        slots.get(slot).present = present;
        CardEventListener l = listener;
        if (l != null) {
            l.cardEvent(slots.get(slot));
        }
    }

    @Override
    public String friendlyName() {
        return name;
    }

    @Override
    public List<TestSlot> slots() {
        return slots;
    }

    @Override
    public boolean slotsAreIndependent() {
        return independent;
    }

    @Override
    public boolean reportsCardEvents() {
        return events;
    }

    @Override
    public void setCardEventListener(CardEventListener listener) {
        this.listener = listener;
        TestSlot.Block block = listenerBlock;
        if (block != null && listener != null) {
            block.pass();
        }
    }
}
