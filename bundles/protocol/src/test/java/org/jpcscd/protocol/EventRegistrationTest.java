package org.jpcscd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.ScardCode;
import org.jpcscd.wire.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's invariant: after a WAIT exactly one 8-byte message arrives — signal, cancel or STOP
 * reply — however a change, a cancel and the STOP race.
 */
class EventRegistrationTest {
    static final byte[] DUMP = {'D'};
    final ManualGenerations rm = new ManualGenerations();
    final ExecutorService executor = Executors.newCachedThreadPool();
    /** Signals are delivered on the thread that makes the change, so a finished change has delivered. */
    final Executor deliverAtOnce = Runnable::run;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aChangeRacingStopAndCancelGivesExactlyOneMessagePerWait() throws Exception {
        for (int round = 0; round < 300; round++) {
            MemoryChannel channel = new MemoryChannel(new ByteArrayInputStream(new byte[0]));
            EventRegistration events = new EventRegistration(rm, channel, deliverAtOnce);
            events.register(rm.stateGeneration(), false, () -> channel.send(DUMP));
            CountDownLatch go = new CountDownLatch(1);
            var change = executor.submit(() -> {
                go.await();
                rm.change();
                return null;
            });
            var cancel = executor.submit(() -> {
                go.await();
                return events.cancel();
            });
            go.countDown();
            events.stop();
            change.get(5, TimeUnit.SECONDS);
            cancel.get(5, TimeUnit.SECONDS);
            List<int[]> messages = messagesAfterDump(channel.sent());
            assertEquals(1, messages.size(), "round " + round + ": exactly one message, got " + messages.size());
            int rv = messages.get(0)[1];
            assertTrue(rv == 0 || rv == ScardCode.E_CANCELLED.value(), "signal, STOP reply or cancel");
        }
    }

    @Test
    void protocolFourSixHoldsTheSignalUntilTheArrayWentOut() throws Exception {
        MemoryChannel channel = new MemoryChannel(new ByteArrayInputStream(new byte[0]));
        EventRegistration events = new EventRegistration(rm, channel, deliverAtOnce);
        events.register(rm.stateGeneration(), true, () -> { });
        rm.change();
        assertEquals(0, channel.sent().length, "held while the client fetches SIZE and ARRAY");
        channel.send(DUMP);
        events.releaseHeldSignal();
        assertEquals(1, messagesAfterDump(channel.sent()).size());
        events.stop();
        assertEquals(1, messagesAfterDump(channel.sent()).size(), "STOP after the signal sends nothing");
    }

    private static List<int[]> messagesAfterDump(byte[] sent) {
        int start = sent.length > 0 && sent[0] == 'D' ? 1 : 0;
        assertEquals(0, (sent.length - start) % 8, "whole 8-byte messages only");
        ByteBuffer in = ByteBuffer.wrap(sent, start, sent.length - start).order(Wire.ORDER);
        List<int[]> messages = new ArrayList<>();
        while (in.remaining() >= 8) {
            messages.add(new int[] {in.getInt(), in.getInt()});
        }
        return messages;
    }
}
