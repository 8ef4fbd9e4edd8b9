package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {
    private static String format(Level level, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("org.jpcscd.core.ReaderRegistry");
        record.setThrown(thrown);
        return new LogLineFormatter().format(record);
    }

    @Test
    void oneLineWithTimeSlf4jLevelLoggerAndMessage() {
        String line = format(Level.FINE, "Reader added", null);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG org.jpcscd.core.ReaderRegistry - Reader added\\R"), line);
    }

    @Test
    void levelsAreNamedAsSlf4jNamesThem() {
        assertEquals("ERROR", LogLineFormatter.levelName(Level.SEVERE));
        assertEquals("WARN", LogLineFormatter.levelName(Level.WARNING));
        assertEquals("INFO", LogLineFormatter.levelName(Level.INFO));
        assertEquals("DEBUG", LogLineFormatter.levelName(Level.FINE));
        assertEquals("TRACE", LogLineFormatter.levelName(Level.FINEST));
    }

    @Test
    void aThrowableFollowsWithItsStackTrace() {
        String text = format(Level.SEVERE, "failed", new IllegalStateException("boom"));
        assertTrue(text.lines().findFirst().orElseThrow().endsWith("ERROR org.jpcscd.core.ReaderRegistry - failed"), text);
        assertTrue(text.contains("java.lang.IllegalStateException: boom") && text.contains("\tat "), text);
    }
}
