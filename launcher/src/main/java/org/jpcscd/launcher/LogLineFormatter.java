package org.jpcscd.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per {@code java.util.logging} record in the layout slf4j-simple gave the daemon (tests
 * and the admin socket's log-line router match it):
 * {@code 2026-11-28 17:02:03.456 INFO org.jpcscd.core.ReaderRegistry - message}, then any stack
 * trace. Levels are named as SLF4J names them, undoing slf4j-jdk14's mapping.
 */
final class LogLineFormatter extends Formatter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128)
                .append(TIME.format(record.getInstant())).append(' ')
                .append(levelName(record.getLevel())).append(' ')
                .append(record.getLoggerName()).append(" - ")
                .append(formatMessage(record))
                .append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    /** slf4j-jdk14 maps ERROR SEVERE, WARN WARNING, INFO INFO, DEBUG FINE, TRACE FINEST. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARN";
        } else if (value >= Level.INFO.intValue()) {
            return "INFO";
        } else if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }
}
