package org.jpcscd.core;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.ifd.IfdSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns of card insertion and removal: readers that report events get a listener, the others are
 * polled at the configured period. One shared ticker thread; the presence checks themselves run on
 * the worker pool, at most one queued per slot, so a stuck reader costs one worker and nothing else.
 */
final class CardEventScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(CardEventScheduler.class);

    private final ScheduledExecutorService ticker;
    private final Executor workers;
    private final Map<ReaderUnit, ScheduledFuture<?>> polls = new ConcurrentHashMap<>();
    private final Set<ReaderSlot> queued = ConcurrentHashMap.newKeySet();
    private volatile Duration period;

    CardEventScheduler(ScheduledExecutorService ticker, Executor workers, Duration period) {
        this.ticker = ticker;
        this.workers = workers;
        this.period = period;
    }

    /** Queues a presence check of the slot unless one is already queued. */
    void requestCheck(ReaderSlot slot) {
        if (slot.isGone() || !queued.add(slot)) {
            return;
        }
        try {
            workers.execute(() -> {
                queued.remove(slot);
                slot.checkPresence();
            });
        } catch (RuntimeException e) {
            queued.remove(slot);
            LOG.debug("Presence check of {} not queued: {}", slot.name, e.toString());
        }
    }

    void start(ReaderUnit unit) {
        boolean events;
        try {
            events = unit.driver.reportsCardEvents();
            if (events) {
                unit.driver.setCardEventListener(ifd -> onCardEvent(unit, ifd));
                unit.cardEventListenerInstalled();
            }
        } catch (RuntimeException e) {
            LOG.warn("Driver {} failed to take a card event listener, polling instead: {}", unit.driverName, e.toString());
            events = false;
        }
        if (events) {
            unit.slots().forEach(this::requestCheck);
        } else {
            schedulePolling(unit);
            if (unit.isGone()) {
                // Unbound while we were starting it.
                stop(unit);
            }
        }
    }

    private void onCardEvent(ReaderUnit unit, IfdSlot ifd) {
        boolean matched = false;
        for (ReaderSlot slot : unit.slots()) {
            if (ifd == null || slot.ifd == ifd) {
                requestCheck(slot);
                matched = true;
            }
        }
        if (!matched) {
            unit.slots().forEach(this::requestCheck);
        }
    }

    private void schedulePolling(ReaderUnit unit) {
        ScheduledFuture<?> previous = polls.put(unit, pollEvery(unit, period));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private ScheduledFuture<?> pollEvery(ReaderUnit unit, Duration every) {
        return ticker.scheduleWithFixedDelay(
                () -> unit.slots().forEach(this::requestCheck), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(ReaderUnit unit) {
        ScheduledFuture<?> future = polls.remove(unit);
        if (future != null) {
            future.cancel(false);
        }
    }

    /** A new polling period applies to every polled reader at once. */
    void setPeriod(Duration newPeriod) {
        if (newPeriod.equals(period)) {
            return;
        }
        period = newPeriod;
        for (ReaderUnit unit : polls.keySet()) {
            // Only while still polled: a reader stopped meanwhile must not get a new schedule.
            polls.computeIfPresent(unit, (u, old) -> {
                old.cancel(false);
                return pollEvery(u, newPeriod);
            });
        }
    }
}
