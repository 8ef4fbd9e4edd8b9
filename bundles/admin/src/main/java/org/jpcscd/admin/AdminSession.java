package org.jpcscd.admin;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.newsclub.net.unix.AFUNIXSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attached shell: a Gogo session that runs the connection's command lines one by one and answers
 * each with its output and exit status ({@link Frames}). A failing command gets one line on standard
 * error, never a stack trace; the session carries on.
 */
final class AdminSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminSession.class);

    private final AFUNIXSocket socket;
    private final CommandProcessor processor;
    private final long pid;
    private final long uid;

    AdminSession(AFUNIXSocket socket, CommandProcessor processor, long pid, long uid) {
        this.socket = socket;
        this.processor = processor;
        this.pid = pid;
        this.uid = uid;
    }

    @Override
    public void run() {
        try (socket) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Frames frames = new Frames(socket.getOutputStream());
            PrintStream out = new PrintStream(frames.stream(Frames.OUT), true, StandardCharsets.UTF_8);
            LogLineRouter errors = new LogLineRouter(frames.stream(Frames.ERR));
            PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);
            // Commands get no input: the connection carries command lines, not a terminal.
            try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    int status = execute(session, line, out, err);
                    errors.drain();
                    frames.exit(status);
                }
            }
        } catch (IOException e) {
            LOG.debug("Admin shell of pid {} ended: {}", pid, e.toString());
        }
        LOG.info("Admin shell detached by pid {} uid {}", pid, uid);
    }

    static int execute(CommandSession session, String line, PrintStream out, PrintStream err) {
        if (line.isBlank()) {
            return 0;
        }
        try {
            Object result = session.execute(line);
            if (result != null) {
                CharSequence text = session.format(result, Converter.INSPECT);
                out.println(text.toString().stripTrailing());
            }
            out.flush();
            return 0;
        } catch (Exception e) {
            out.flush();
            err.println("Error: " + oneLine(e));
            return Frames.FAILED;
        }
    }

    /** The innermost useful message, on one line. */
    static String oneLine(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof InvocationTargetException || cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
