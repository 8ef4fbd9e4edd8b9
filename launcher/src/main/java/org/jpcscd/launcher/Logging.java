package org.jpcscd.launcher;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Sets up the daemon's logging before the first logger is created. Inside the framework, bundles
 * log through SLF4J's slf4j-jdk14 binding into {@code java.util.logging}, whose levels can change
 * while the daemon runs (the shell bundle's {@code org.jpcscd.logging} configuration sets them);
 * here the JUL root gets one handler writing one line per event on standard error,
 * {@code 2026-11-28 17:02:03.456 INFO org.jpcscd.core.ReaderRegistry - message}, and its first level.
 *
 * <p>The launcher's own class path keeps slf4j-simple (it is shared with bin/pcsc, a short-lived
 * client that wants warnings only), configured here to the same layout; explicit
 * {@code -Dorg.slf4j.simpleLogger.*} JVM options win.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(boolean debug) {
        configureJul(debug ? Level.FINE : Level.INFO);
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

    /** Replaces JUL's default two-line console output; the level is the root's until Config Admin's. */
    private static void configureJul(Level level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new LogLineHandler(System.err));
        root.setLevel(level);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
