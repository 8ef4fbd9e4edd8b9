package org.jpcscd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogLineRouterTest {
    @Test
    void logRecordsAreRecognisedInTheDaemonsLayouts() {
        assertTrue(LogLineRouter.isLogRecord("2026-11-28 17:15:43.821 WARN org.jpcscd.core.ResourceManagerImpl - APDU tracing on"));
        assertTrue(LogLineRouter.isLogRecord("[main] INFO org.jpcscd.core.ReaderSlot - Card inserted"));
        assertTrue(LogLineRouter.isLogRecord("ERROR org.apache.felix.Foo$Bar - failed"));
        assertFalse(LogLineRouter.isLogRecord("Error: pcsc:trace expects 'on' or 'off', not 'maybe'"));
        assertFalse(LogLineRouter.isLogRecord("INFO is not a log record without a logger"));
    }

    @Test
    void commandErrorsReachTheClientAndUnfinishedLinesAreDrained() throws Exception {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        LogLineRouter router = new LogLineRouter(client);
        PrintStream err = new PrintStream(router, true, StandardCharsets.UTF_8);
        err.println("Error: bad value");
        err.print("partial");
        assertEquals("Error: bad value\n", client.toString(StandardCharsets.UTF_8));
        router.drain();
        assertEquals("Error: bad value\npartial", client.toString(StandardCharsets.UTF_8));
    }
}
