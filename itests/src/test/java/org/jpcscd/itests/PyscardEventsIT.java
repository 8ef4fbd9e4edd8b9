package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pyscard script blocked in SCardGetStatusChange sees what the daemon does: a card pulled and put
 * back, and a second reader configured while it waits.
 */
class PyscardEventsIT {
    static final Duration EVENT_DEADLINE = Duration.ofSeconds(15);
    static Daemon daemon;

    @BeforeAll
    static void start() throws IOException {
        daemon = Daemon.start("pyscard-events");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        daemon.close();
    }

    @Test
    void aWaitingClientSeesRemovalInsertionAndANewReader() throws Exception {
        try (ClientProcess watcher = ClientProcess.start(daemon.clientEnvironment(), Pyscard.script("watch_events.py"))) {
            watcher.awaitLine("event " + Daemon.READER + " present", EVENT_DEADLINE);
            watcher.awaitLine("ready", EVENT_DEADLINE);

            daemon.virtualReaders(1, List.of(0));
            watcher.awaitLine("event " + Daemon.READER + " empty", EVENT_DEADLINE);

            daemon.virtualReaders(1, List.of());
            watcher.awaitLine("event " + Daemon.READER + " present", EVENT_DEADLINE);

            daemon.virtualReaders(2, List.of());
            String readers = watcher.awaitLine("readers " + Daemon.READER + "|" + Daemon.SECOND_READER, EVENT_DEADLINE);
            assertTrue(readers.endsWith(Daemon.SECOND_READER), readers);
            watcher.awaitLine("event " + Daemon.SECOND_READER + " present", EVENT_DEADLINE);
        }
    }

    @Test
    void cancelEndsAnInfiniteWaitWithCancelled() throws InterruptedException {
        String out = ClientProcess.run(daemon.clientEnvironment(), EVENT_DEADLINE,
                Pyscard.script("cancel_wait.py").toArray(String[]::new));
        assertTrue(out.contains("cancel 0x00000000"), out);
        assertTrue(out.contains("wait 0x80100002"), "SCARD_E_CANCELLED: " + out);
        assertTrue(out.contains("release 0x00000000"), out);
    }
}
