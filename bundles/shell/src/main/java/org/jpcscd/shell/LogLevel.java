package org.jpcscd.shell;

import java.util.Locale;
import java.util.logging.Level;

/**
 * SLF4J's level names and the {@code java.util.logging} levels slf4j-jdk14 maps them onto, so an
 * operator says DEBUG and the JUL logger lets {@code log.debug} through.
 */
enum LogLevel {
    ERROR(Level.SEVERE), WARN(Level.WARNING), INFO(Level.INFO), DEBUG(Level.FINE), TRACE(Level.FINEST);

    final Level jul;

    LogLevel(Level jul) {
        this.jul = jul;
    }

    /** Case-insensitive; the error names the allowed values, for a one-line message. */
    static LogLevel parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a log level; use ERROR, WARN, INFO, DEBUG or TRACE");
        }
    }
}
