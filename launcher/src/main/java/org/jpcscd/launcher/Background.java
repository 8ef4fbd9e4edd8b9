package org.jpcscd.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Without {@code --foreground}: start this same command again with {@code --foreground} in a new
 * session (setsid), input from /dev/null and output appended to a log file, then return once that copy
 * has logged that it started, as pcscd returns once its daemon is up. A JVM cannot fork itself.
 */
final class Background {
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 100;

    private Background() {
    }

    static int detach(Settings settings) throws IOException, InterruptedException {
        Path log = logFile(settings);
        long offset = Files.exists(log) ? Files.size(log) : 0;
        Process child = new ProcessBuilder(command())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (newText(log, offset).contains(Daemon.STARTED)) {
                System.out.println("pcscd: running in the background, pid " + child.pid() + ", log " + log);
                return 0;
            }
            if (!child.isAlive()) {
                System.err.println("pcscd: the daemon exited with status " + child.exitValue() + ":");
                System.err.print(newText(log, offset));
                return 1;
            }
            // Polling a file the child writes: there is no other channel once it is detached.
            Thread.sleep(POLL_MILLIS);
        }
        System.err.println("pcscd: the daemon did not report start-up within " + DEADLINE.toSeconds() + " s; see " + log);
        return 1;
    }

    private static List<String> command() {
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> command = new ArrayList<>();
        for (String setsid : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.add(self.command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(self.arguments().orElseThrow(
                () -> new LaunchException("cannot read this process's command line to detach; use --foreground"))));
        command.add("--foreground");
        // Unless whoever started us said how (the client's start on demand does).
        if (command.stream().noneMatch(argument -> argument.contains(Daemon.START_MODE + "="))) {
            command.add("--define");
            command.add(Daemon.START_MODE + "=background");
        }
        return command;
    }

    /**
     * {@code $XDG_RUNTIME_DIR/jpcscd/pcscd.log}; without a run-time folder a fresh owner-only temporary
     * folder, never a guessable name in the shared /tmp.
     */
    private static Path logFile(Settings settings) throws IOException {
        Path runtime = settings.runtimeDirectory;
        if (runtime != null && Files.isDirectory(runtime.getParent()) && Files.isWritable(runtime.getParent())) {
            Files.createDirectories(runtime);
            return runtime.resolve("pcscd.log");
        }
        return Files.createTempDirectory("jpcscd-").resolve("pcscd.log");
    }

    private static String newText(Path log, long offset) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(offset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
}
