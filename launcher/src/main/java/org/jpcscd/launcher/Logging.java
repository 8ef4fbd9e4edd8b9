package org.jpcscd.launcher;

/**
 * Configures SLF4J's simple binding (1.7.36) for the launcher and, because it reads the same system
 * properties, for the slf4j-simple bundle inside the framework: one line per event on standard error,
 * {@code 2026-11-28 17:02:03.456 INFO org.jpcscd.core.ReaderRegistry - message}. Must run before the
 * first logger is created. Explicit {@code -Dorg.slf4j.simpleLogger.*} JVM options win.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(boolean debug) {
        if (debug) {
            System.setProperty(PREFIX + "defaultLogLevel", "debug");
        } else {
            setIfAbsent("defaultLogLevel", "info");
        }
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        setIfAbsent("showThreadName", "false");
        setIfAbsent("showLogName", "true");
        setIfAbsent("logFile", "System.err");
        setIfAbsent("cacheOutputStream", "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
