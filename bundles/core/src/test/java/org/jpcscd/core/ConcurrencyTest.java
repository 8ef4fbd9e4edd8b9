package org.jpcscd.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many clients at once, with the card coming and going: no deadlock, nothing left behind. */
class ConcurrencyTest {
    private static final String NAME = "Busy 00 00";
    private static final Disposition[] ENDINGS = {Disposition.LEAVE, Disposition.LEAVE, Disposition.RESET};
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void clientsRacingOnOneReaderLeaveItClean() throws Exception {
        TestReader reader = TestReader.withCard("Busy").reportingEvents();
        harness.addReady(reader, NAME);
        int clients = 6;
        CountDownLatch done = new CountDownLatch(clients);
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long seed = c;
            Thread t = new Thread(() -> {
                Random random = new Random(seed);
                try (ClientContext context = harness.context()) {
                    for (int i = 0; i < 200; i++) {
                        oneSession(context, random);
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                } finally {
                    done.countDown();
                }
            });
            threads.add(t);
            t.start();
        }
        Thread unplugger = new Thread(() -> {
            for (int i = 0; i < 20 && done.getCount() > 0; i++) {
                reader.setCard(0, false);
                reader.setCard(0, true);
            }
        });
        unplugger.start();

        assertTrue(done.await(20, TimeUnit.SECONDS), "clients finished");
        unplugger.join(5000);
        assertTrue(unexpected.isEmpty(), () -> "unexpected: " + unexpected);
        assertEquals(0, harness.rm.liveHandles());
        assertTrue(harness.rm.contexts().isEmpty());
        harness.await(NAME, s -> s.cardPresent() && s.sharing() == 0);
        CardConnection last = harness.context().connect(NAME, ShareMode.EXCLUSIVE, Protocol.ANY_MASK);
        last.beginTransaction(Duration.ZERO);
    }

    private static void oneSession(ClientContext context, Random random) {
        CardConnection card;
        try {
            ShareMode mode = random.nextInt(10) == 0 ? ShareMode.EXCLUSIVE : ShareMode.SHARED;
            card = context.connect(NAME, mode, Protocol.ANY_MASK);
        } catch (ScardException e) {
            return;
        }
        try {
            card.beginTransaction(Duration.ofMillis(50));
            card.transmit(Protocol.T1.mask(), new byte[] {0x00, 0x01});
            card.endTransaction(ENDINGS[random.nextInt(ENDINGS.length)]);
        } catch (ScardException e) {
            // Sharing violations, resets and removals are all expected here.
        }
        try {
            if (random.nextBoolean()) {
                card.disconnect(random.nextInt(4) == 0 ? Disposition.RESET : Disposition.LEAVE);
            }
        } catch (ScardException e) {
            throw new AssertionError("disconnect failed", e);
        }
        // Otherwise the context's close disposes of the handle.
    }
}
