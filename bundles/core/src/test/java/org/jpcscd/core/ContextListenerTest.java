package org.jpcscd.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ContextListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live-context count that the idle timer acts on: it must end on the true value. */
class ContextListenerTest {
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aListenerBoundLateLearnsTheCountAtOnce() throws Exception {
        harness.context();
        List<Integer> heard = new CopyOnWriteArrayList<>();
        harness.rm.bindContextListener(heard::add);
        assertEquals(List.of(1), heard, "an idle timer bound after the first client must not think there is none");
    }

    @Test
    void countsRacingEachOtherNeverLeaveAStaleLastWord() throws Exception {
        ClientContext first = harness.context();
        List<Integer> heard = new CopyOnWriteArrayList<>();
        TestSlot.Block slowListener = new TestSlot.Block();
        ContextListener listener = live -> {
            if (live == 2) {
                slowListener.pass();
            }
            heard.add(live);
        };
        harness.rm.bindContextListener(listener);
        heard.clear();

        Thread establishing = new Thread(() -> {
            try {
                harness.context();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        establishing.start();
        slowListener.awaitEntered();
        // While "2" is still on its way, a release makes it 1.
        Thread releasing = new Thread(first::close);
        releasing.start();
        Background.eventually(() -> heard.contains(1) || releasing.getState() == Thread.State.BLOCKED,
                "the release never reached its notification");
        slowListener.release();
        establishing.join(Harness.DEADLINE_MS);
        releasing.join(Harness.DEADLINE_MS);

        assertEquals(1, harness.rm.contexts().size());
        assertEquals(1, heard.get(heard.size() - 1), "the last count heard is the live count; heard " + heard);
    }
}
