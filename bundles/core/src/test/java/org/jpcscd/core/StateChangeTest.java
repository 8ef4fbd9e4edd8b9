package org.jpcscd.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** awaitStateChange: every client-visible change completes it, cancelling leaves nothing behind. */
class StateChangeTest {
    private static final String NAME = "Watch 00 00";
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private long changeAfter(Runnable action) throws Exception {
        long before = harness.rm.stateGeneration();
        CompletableFuture<Long> change = harness.rm.awaitStateChange(before);
        assertFalse(change.isDone());
        action.run();
        long after = change.get(5, TimeUnit.SECONDS);
        assertTrue(after > before);
        return after;
    }

    @Test
    void readerArrivalAndDepartureAreChanges() throws Exception {
        TestReader reader = TestReader.empty("Watch").reportingEvents();
        changeAfter(() -> harness.add(reader));
        harness.await(NAME, s -> !s.initialising());
        changeAfter(() -> harness.remove(reader));
    }

    @Test
    void cardEventsAreChanges() throws Exception {
        TestReader reader = TestReader.empty("Watch").reportingEvents();
        harness.addReady(reader, NAME);
        changeAfter(() -> reader.setCard(0, true));
        harness.await(NAME, s -> s.cardPresent());
        changeAfter(() -> reader.setCard(0, false));
    }

    @Test
    void sharingAndProtocolChangesAreChanges() throws Exception {
        TestReader reader = TestReader.withCard("Watch").reportingEvents();
        harness.addReady(reader, NAME);
        ClientContext context = harness.context();
        CardConnection[] card = new CardConnection[1];
        changeAfter(() -> {
            try {
                card[0] = context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        changeAfter(() -> {
            try {
                card[0].disconnect(Disposition.LEAVE);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aKnownGenerationThatIsAlreadyOldCompletesAtOnce() throws Exception {
        long now = harness.rm.stateGeneration();
        CompletableFuture<Long> stale = harness.rm.awaitStateChange(now - 1);
        assertTrue(stale.isDone());
        assertEquals(now, stale.get());
    }

    @Test
    void cancelledAndTimedOutWaitsAreForgotten() throws Exception {
        long now = harness.rm.stateGeneration();
        CompletableFuture<Long> cancelled = harness.rm.awaitStateChange(now);
        CompletableFuture<Long> timed = harness.rm.awaitStateChange(now).orTimeout(10, TimeUnit.MILLISECONDS);
        assertEquals(2, harness.rm.stateWaiters());

        cancelled.cancel(true);
        ExecutionException e = assertThrows(ExecutionException.class, () -> timed.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof TimeoutException);
        assertEquals(0, harness.rm.stateWaiters());
    }

    @Test
    void waitersOfTheSameGenerationAllWake() throws Exception {
        long now = harness.rm.stateGeneration();
        CompletableFuture<Long> one = harness.rm.awaitStateChange(now);
        CompletableFuture<Long> two = harness.rm.awaitStateChange(now);
        harness.add(TestReader.empty("Watch"));
        assertTrue(one.get(5, TimeUnit.SECONDS) > now);
        assertTrue(two.get(5, TimeUnit.SECONDS) > now);
        assertEquals(0, harness.rm.stateWaiters());
    }

    @Test
    void waitersAreReleasedWhenTheCoreStops() throws Exception {
        CompletableFuture<Long> waiting = harness.rm.awaitStateChange(harness.rm.stateGeneration());
        harness.close();
        // A client blocked in SCardGetStatusChange must hear that the daemon is going, not wait on.
        ExecutionException stopped = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, stopped.getCause());
        assertTrue(harness.rm.awaitStateChange(0).isCompletedExceptionally(),
                "no new waiter is taken after the core stopped");
    }
}
