package org.jpcscd.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Collects a process's output lines on a thread so a test can wait for a line with a deadline. */
final class ProcessOutput {
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    static ProcessOutput of(Process process) {
        ProcessOutput output = new ProcessOutput();
        Thread reader = new Thread(() -> output.drain(process.getInputStream()), "process-output");
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    private void drain(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The process went away; what was read is kept.
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** The first line matching, waiting at most {@code deadline}; fails with everything seen so far. */
    synchronized String await(Predicate<String> wanted, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (wanted.test(lines.get(checked))) {
                    return lines.get(checked);
                }
            }
            long left = end - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError("no such line " + (ended ? "before the output ended" : "within " + deadline)
                        + "; output was:\n" + String.join("\n", lines));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}
