package org.jpcscd.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpcscd.protocol.control.PcscSocket;
import org.junit.jupiter.api.Test;

/** The order of the idle exit: door closed first, then a second look, and a client who got in is kept. */
class IdleShutdownTest {
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger contexts = new AtomicInteger();
    private final AtomicInteger connectionsAfterPause = new AtomicInteger();

    private final PcscSocket socket = new PcscSocket() {
        private boolean paused;

        @Override
        public Path path() {
            return Path.of("/tmp/test.comm");
        }

        @Override
        public boolean socketActivated() {
            return false;
        }

        @Override
        public int connections() {
            return paused ? connectionsAfterPause.get() : 0;
        }

        @Override
        public void pause() {
            paused = true;
            events.add("pause");
        }

        @Override
        public void resume() {
            paused = false;
            events.add("resume");
        }
    };

    private final IdleShutdown shutdown = new IdleShutdown(socket, () -> {
        events.add("count contexts");
        return contexts.get();
    }, () -> events.add("stop"), () -> events.add("idle again"));

    @Test
    void quietDaemonClosesTheDoorThenStops() {
        shutdown.expired();
        assertEquals(List.of("pause", "count contexts", "stop"), events);
    }

    @Test
    void aConnectionThatArrivedBeforeTheDoorClosedKeepsTheDaemon() {
        connectionsAfterPause.set(1);
        shutdown.expired();
        assertEquals(List.of("pause", "count contexts", "resume", "idle again"), events);
    }

    @Test
    void aContextEstablishedMeanwhileKeepsTheDaemon() {
        contexts.set(1);
        shutdown.expired();
        assertFalse(events.contains("stop"));
        assertTrue(events.contains("resume"));
    }

    @Test
    void aSocketThatCannotReopenEndsTheDaemon() {
        PcscSocket broken = new PcscSocket() {
            @Override
            public Path path() {
                return Path.of("/tmp/test.comm");
            }

            @Override
            public boolean socketActivated() {
                return false;
            }

            @Override
            public int connections() {
                return 1;
            }

            @Override
            public void pause() {
            }

            @Override
            public void resume() throws IOException {
                throw new IOException("folder gone");
            }
        };
        new IdleShutdown(broken, () -> 0, () -> events.add("stop"), () -> events.add("idle again")).expired();
        assertEquals(List.of("stop"), events);
    }
}
