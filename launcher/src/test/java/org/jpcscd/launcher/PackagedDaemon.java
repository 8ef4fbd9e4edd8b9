package org.jpcscd.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged daemon (bin/pcscd --foreground) on a private socket in a fresh folder, with the PC/SC
 * socket, the admin shell and the given features, and what the tests run against it: bin/pcscd shell,
 * and pyscard clients over Debian's libpcsclite (PCSCLITE_CSOCK_NAME).
 */
final class PackagedDaemon implements AutoCloseable {
    static final Path DIST = Path.of(System.getProperty("jpcscd.dist", "target/jpcscd"));
    static final Duration START = Duration.ofSeconds(60);
    static final Duration STEP = Duration.ofSeconds(20);
    static final String PYTHON = "/usr/bin/python3";

    final Path folder;
    final Path socket;
    final Path adminSocket;
    final ProcessOutput log;
    private final Process process;
    private final List<Process> clients = new ArrayList<>();

    private PackagedDaemon(Path folder, Process process) {
        this.folder = folder;
        this.socket = folder.resolve("pcscd.comm");
        this.adminSocket = folder.resolve("pcscd.comm.admin");
        this.process = process;
        this.log = ProcessOutput.of(process);
    }

    /** @param features the features to start, e.g. core,protocol,shell,virtual */
    static PackagedDaemon start(String features, String... extra) throws Exception {
        return start(List.of(), features, extra);
    }

    /** The daemon run as {@code user} (setpriv), in a folder that user owns. */
    static PackagedDaemon startAs(String user, String features, String... extra) throws Exception {
        return start(List.of(user), features, extra);
    }

    private static PackagedDaemon start(List<String> user, String features, String... extra) throws Exception {
        // Short (sun_path is 108 bytes) and private (0700) like $XDG_RUNTIME_DIR.
        Path folder = Files.createTempDirectory("jpcscd-admin-");
        List<String> command = new ArrayList<>();
        if (!user.isEmpty()) {
            Result chown = run(new ProcessBuilder("chown", user.get(0) + ":", folder.toString()));
            if (chown.status() != 0) {
                throw new AssertionError("chown: " + chown);
            }
            command.addAll(List.of("setpriv", "--reuid=" + user.get(0), "--regid=" + user.get(0), "--clear-groups"));
        }
        command.addAll(List.of("sh", DIST.resolve("bin/pcscd").toAbsolutePath().toString(), "--foreground",
                "--features", features,
                "--set", "org.jpcscd.protocol:socket.path=" + folder.resolve("pcscd.comm"),
                "-D", "felix.fileinstall.poll=200"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("XDG_RUNTIME_DIR", folder.toString());
        builder.environment().put("HOME", folder.toString());
        builder.environment().remove("JPCSCD_HOME");
        builder.environment().remove("PCSCLITE_CSOCK_NAME");
        PackagedDaemon daemon = new PackagedDaemon(folder, builder.start());
        daemon.process.getOutputStream().close();
        daemon.log.await(line -> line.contains(Daemon.STARTED), START);
        await(() -> Files.exists(daemon.adminSocket) && Files.exists(daemon.socket), START, "sockets of " + folder);
        return daemon;
    }

    /** bin/pcscd shell with these arguments, as another process; waits for it to end. */
    Result shell(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", DIST.resolve("bin/pcscd").toString(), "shell",
                "--socket", socket.toString()));
        command.addAll(List.of(arguments));
        return run(new ProcessBuilder(command));
    }

    /** Runs a process to its end with a deadline; standard output and error apart. */
    static Result run(ProcessBuilder builder) throws Exception {
        return run(builder, "");
    }

    /** Runs a process to its end with {@code input} on its standard input. */
    static Result run(ProcessBuilder builder, String input) throws Exception {
        builder.environment().remove("JPCSCD_HOME");
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        // Both streams are small; read them on threads so neither fills up and blocks the process.
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + STEP + ": " + builder.command());
        }
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A pyscard client (one of this package's scripts) on this daemon, left running; its output lines. */
    ClientProcess python(String script, String... arguments) throws IOException {
        Path file = folder.resolve(script);
        try (InputStream in = PackagedDaemon.class.getResourceAsStream(script)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, file.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PCSCLITE_CSOCK_NAME", socket.toString()));
        Process process = builder.start();
        clients.add(process);
        return new ClientProcess(process, ProcessOutput.of(process));
    }

    static void await(BooleanSupplier condition, Duration deadline, String what) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + what + " within " + deadline);
            }
            // Polling a file system or a log: no event to wait on.
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process client : clients) {
            client.destroyForcibly();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    record ClientProcess(Process process, ProcessOutput output) {
        String await(String prefix) throws InterruptedException {
            return output.await(line -> line.startsWith(prefix), STEP);
        }
    }
}
