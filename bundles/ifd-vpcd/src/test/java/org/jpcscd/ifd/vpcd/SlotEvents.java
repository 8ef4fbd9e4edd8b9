package org.jpcscd.ifd.vpcd;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jpcscd.api.ifd.CardEventListener;
import org.jpcscd.api.ifd.IfdSlot;

/** Plays the core: records card events, and waits for a slot to reach a presence state through them. */
final class SlotEvents implements CardEventListener {
    private final BlockingQueue<Integer> events = new LinkedBlockingQueue<>();

    @Override
    public void cardEvent(IfdSlot slot) {
        events.add(slot.index());
    }

    /**
     * Waits until an event for {@code slot} has come and the slot then reports {@code present}, as the
     * core would see it; fails after {@code timeout}.
     */
    void awaitPresence(VpcdSlot slot, boolean present, Duration timeout) throws Exception {
        await(slot, () -> slot.isCardPresent() == present, (present ? "present" : "absent"), timeout);
    }

    /** Waits until an event for {@code slot} has come after which {@code condition} holds. */
    void await(VpcdSlot slot, BooleanSupplier condition, String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Integer index = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (index == null) {
                throw new AssertionError("slot " + slot.index() + " was not reported " + what + " within " + timeout);
            }
            if (index == slot.index() && condition.getAsBoolean()) {
                return;
            }
        }
    }


    /** Waits at most {@code timeout} for the next event of any slot. */
    void awaitAny(Duration timeout) throws InterruptedException {
        events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
