package org.jpcscd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;

/**
 * Any byte sequence a client may send: the session decodes and dispatches what it can, never throws
 * out of its thread, ends by closing the connection, and leaves no context behind.
 */
class SessionFuzzTest {
    static final SessionHarness HARNESS = new SessionHarness();

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    @FuzzTest(maxDuration = "30s")
    void anyInputEndsCleanly(byte[] requests) {
        MemoryChannel channel = HARNESS.serve(requests);
        assertTrue(channel.isClosed(), "the session closes its connection");
        assertEquals(0, HARNESS.services.registry().size(), "the session left the registry");
        assertEquals(0, HARNESS.rm.contexts().size(), "every context the client made is released");
    }
}
