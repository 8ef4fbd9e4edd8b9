package org.jpcscd.admin;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The standard error a command sees. Gogo redirects {@code System.err} of the thread running a
 * command to the session, and the daemon's logging (slf4j-simple) writes to {@code System.err}: so a
 * command's own log records would reach the client instead of the daemon's log. This stream sends
 * whole lines shaped like log records to the process's real standard error (file descriptor 2, not
 * reopened) and everything else to the client.
 */
final class LogLineRouter extends OutputStream {
    /** slf4j-simple's layout: optional date and [thread], then "LEVEL logger - message". */
    private static final Pattern LOG_RECORD = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} )?(\\[[^\\]]*\\] )?(TRACE|DEBUG|INFO|WARN|ERROR) [\\w.$]+ - .*");
    private static final OutputStream DAEMON_STDERR = new FileOutputStream(FileDescriptor.err);

    private final OutputStream client;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LogLineRouter(OutputStream client) {
        this.client = client;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            route();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Sends an unfinished line to the client (the command has ended, nothing more will come). */
    synchronized void drain() throws IOException {
        if (line.size() > 0) {
            client.write(line.toByteArray());
            line.reset();
        }
    }

    private void route() throws IOException {
        byte[] bytes = line.toByteArray();
        line.reset();
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (LOG_RECORD.matcher(text.stripTrailing()).matches()) {
            synchronized (DAEMON_STDERR) {
                DAEMON_STDERR.write(bytes);
                DAEMON_STDERR.flush();
            }
        } else {
            client.write(bytes);
        }
    }

    static boolean isLogRecord(String line) {
        return LOG_RECORD.matcher(line).matches();
    }
}
