package org.jpcscd.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The packaged bin/pcscd in the foreground on a private socket, as a child process whose output the
 * test reads; it records when the process ended, for timing the idle exit.
 */
final class DaemonRun implements AutoCloseable {
    static final Path DIST = Path.of(System.getProperty("jpcscd.dist", "target/jpcscd"));
    static final Duration START = Duration.ofSeconds(90);
    static final Duration STOP = Duration.ofSeconds(30);

    final Process process;
    final ProcessOutput output;
    final CompletableFuture<Instant> ended;

    /** Any process whose output is read the same way (the socket-activation helper and its daemon). */
    static DaemonRun of(Process process) {
        return new DaemonRun(process);
    }

    private DaemonRun(Process process) {
        this.process = process;
        this.output = ProcessOutput.of(process);
        this.ended = process.onExit().thenApply(p -> Instant.now());
    }

    /** The features a socket-serving daemon needs, without the shell's console. */
    static List<String> arguments(Path socket, String... extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "--foreground", "--features", "core,protocol,lifecycle,virtual,shell",
                "--set", "org.jpcscd.protocol:socket.path=" + socket,
                "-D", "felix.fileinstall.poll=100"));
        arguments.addAll(List.of(extra));
        return arguments;
    }

    static DaemonRun start(Path runtime, List<String> arguments) throws IOException {
        return start(runtime, arguments, Map.of());
    }

    static DaemonRun start(Path runtime, List<String> arguments, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/pcscd").toString()));
        command.addAll(arguments);
        return new DaemonRun(builder(runtime, command, environment).start());
    }

    static ProcessBuilder builder(Path runtime, List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        builder.environment().remove("JPCSCD_HOME");
        builder.environment().remove("LISTEN_FDS");
        builder.environment().remove("LISTEN_PID");
        builder.environment().putAll(environment);
        return builder;
    }

    /** Waits for the protocol bundle's "Serving PC/SC clients" line. */
    void awaitServing() throws InterruptedException {
        output.await(l -> l.contains("Serving PC/SC clients on"), START);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
