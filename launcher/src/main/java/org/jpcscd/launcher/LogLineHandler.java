package org.jpcscd.launcher;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes each record to the standard error the daemon started with, at once and whole. That stream
 * is taken when the handler is made, before Gogo swaps {@code System.err} per session, so a
 * command's log records stay in the daemon's log instead of reaching the shell's client.
 */
final class LogLineHandler extends Handler {
    private final PrintStream out;

    LogLineHandler(PrintStream out) {
        this.out = out;
        setFormatter(new LogLineFormatter());
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line = getFormatter().format(record);
        synchronized (out) {
            out.print(line);
            out.flush();
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
