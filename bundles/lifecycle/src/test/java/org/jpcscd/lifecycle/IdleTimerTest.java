package org.jpcscd.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleTimerTest {
    private static final Duration DELAY = Duration.ofMillis(300);
    /** Generous: the machine is shared; only "not before the delay" is asserted tightly. */
    private static final long DEADLINE_MS = 5000;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final LinkedBlockingQueue<Long> expiries = new LinkedBlockingQueue<>();
    private final IdleTimer timer = new IdleTimer(scheduler, () -> expiries.add(System.nanoTime()), true, DELAY);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void expiresOnceTheDelayAfterTheLastContextIsReleased() throws InterruptedException {
        timer.contextsChanged(1);
        long released = System.nanoTime();
        timer.contextsChanged(0);
        Long expired = expiries.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
        assertTrue(expired != null, "the idle period ran out");
        assertTrue(expired - released >= DELAY.toNanos(), "not before the delay");
        assertTrue(timer.status().remaining().isEmpty());
    }

    @Test
    void aNewContextCancelsThePeriodAndItsReleaseStartsAFullOne() throws InterruptedException {
        timer.contextsChanged(0);
        assertTrue(timer.status().remaining().isPresent());
        timer.contextsChanged(1);
        assertTrue(timer.status().remaining().isEmpty());
        assertEquals(null, expiries.poll(DELAY.toMillis() * 2, TimeUnit.MILLISECONDS), "no expiry while a context lives");

        long released = System.nanoTime();
        timer.contextsChanged(0);
        Long expired = expiries.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
        assertTrue(expired != null && expired - released >= DELAY.toNanos());
    }

    @Test
    void aDelayChangeAppliesFromTheNextIdlePeriod() throws InterruptedException {
        timer.contextsChanged(0);
        timer.configure(true, Duration.ofSeconds(30));
        assertTrue(timer.status().remaining().orElseThrow().compareTo(DELAY) <= 0, "the running period keeps its end");
        assertTrue(expiries.poll(DEADLINE_MS, TimeUnit.MILLISECONDS) != null);

        timer.contextsChanged(1);
        timer.contextsChanged(0);
        Duration remaining = timer.status().remaining().orElseThrow();
        assertTrue(remaining.compareTo(Duration.ofSeconds(20)) > 0, "the next period uses the new delay: " + remaining);
        assertEquals(Duration.ofSeconds(30), timer.status().delay());
    }

    @Test
    void switchedOffNothingExpiresAndTheRunningPeriodIsCancelled() throws InterruptedException {
        timer.contextsChanged(0);
        timer.configure(false, DELAY);
        assertTrue(timer.status().remaining().isEmpty());
        timer.contextsChanged(1);
        timer.contextsChanged(0);
        assertEquals(null, expiries.poll(DELAY.toMillis() * 3, TimeUnit.MILLISECONDS));
        assertFalse(timer.status().autoExit());
    }

    @Test
    void statusCountsContexts() {
        timer.contextsChanged(3);
        assertEquals(3, timer.status().contexts());
        assertTrue(timer.status().describe().contains("contexts alive: 3"));
    }
}
