package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged bin/pcscd as a real process, the way systemd or a user runs it. */
class PcscdProcessIT {
    private static final Path DIST = Path.of(System.getProperty("jpcscd.dist", "target/jpcscd"));
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);

    @TempDir
    Path runtime;

    private final List<ProcessHandle> started = new ArrayList<>();

    private Process pcscd(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/pcscd").toString()));
        command.addAll(List.of(args));
        return start(command);
    }

    private Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Standard input stays a pipe: no terminal, as under systemd.
        builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        // Never the system's /run/pcscd/pcscd.comm: a private socket, as pcsc-lite clients find it.
        builder.environment().put("PCSCLITE_CSOCK_NAME", socket().toString());
        builder.environment().remove("JPCSCD_HOME");
        Process process = builder.start();
        started.add(process.toHandle());
        return process;
    }

    /** Short, under /tmp: a socket path must fit in sun_path (108 bytes). */
    private Path socket() {
        return Path.of("/tmp", "jpcscd-it-" + ProcessHandle.current().pid() + "-" + runtime.getFileName() + ".comm");
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(socket());
        } catch (IOException e) {
            // A leftover socket file in /tmp; harmless.
        }
    }

    @Test
    void foregroundWithoutTerminalRunsUntilSigtermThenExitsZero() throws Exception {
        // Two simulated readers through --set: the option reaches Config Admin before the driver starts.
        Process process = pcscd("--foreground", "--set", "org.jpcscd.ifd.virtual:readers=2");
        ProcessOutput output = ProcessOutput.of(process);
        String startedLine = output.await(l -> l.contains("INFO") && l.contains("jpcscd started in"), START);
        assertTrue(startedLine.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO org\\.jpcscd\\.launcher\\.Daemon - .*"),
                "one readable line with time, level and logger: " + startedLine);
        output.await(l -> l.contains("Card inserted into jpcscd Virtual Reader 00 00"), START);
        output.await(l -> l.contains("Reader added: jpcscd Virtual Reader 01 00"), START);
        output.await(l -> l.contains("Serving PC/SC clients on " + socket()), START);
        assertTrue(Files.exists(socket()), "the protocol feature serves " + socket());
        assertTrue(process.isAlive(), "keeps running without a console");
        assertTrue(Files.isDirectory(runtime.resolve("jpcscd/felix-cache")), "cache under XDG_RUNTIME_DIR");

        // SIGTERM; through the handle, because Process.destroy() also closes our end of its output.
        process.toHandle().destroy();
        assertTrue(process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS), "stops after SIGTERM");
        assertEquals(0, process.exitValue(), output.text());
        output.await(l -> l.contains("jpcscd stopped"), STOP);
    }

    @Test
    void onATerminalTheGogoConsoleRunsCommandsAndStopsTheDaemon() throws Exception {
        // util-linux script(1) gives the daemon a pseudo-terminal and relays our pipe to it.
        Process script = start(List.of("script", "--quiet", "--flush", "--return", "--command",
                DIST.resolve("bin/pcscd") + " --foreground", "/dev/null"));
        ProcessOutput output = ProcessOutput.of(script);
        output.await(l -> l.contains("jpcscd started") && l.contains("console"), START);
        Writer keyboard = new OutputStreamWriter(script.getOutputStream(), StandardCharsets.UTF_8);
        keyboard.write("pcsc:readers\r");
        keyboard.flush();
        // The table's header: only the command prints it, the log lines never do.
        output.await(l -> l.contains("READER") && l.contains("DRIVER") && l.contains("ATR"), START);
        keyboard.write("stop 0\r");
        keyboard.flush();
        assertTrue(script.waitFor(STOP.toSeconds(), TimeUnit.SECONDS), "'stop 0' ends the daemon");
        assertEquals(0, script.exitValue(), output.text());
    }

    @Test
    void debugLowersTheLogLevel() throws Exception {
        Process quiet = pcscd("--foreground", "--exit-after-start");
        ProcessOutput quietOutput = ProcessOutput.of(quiet);
        assertTrue(quiet.waitFor(START.toSeconds(), TimeUnit.SECONDS));
        assertFalse(quietOutput.text().contains(" DEBUG "), quietOutput.text());

        Process debug = pcscd("--foreground", "--debug", "--exit-after-start");
        ProcessOutput debugOutput = ProcessOutput.of(debug);
        assertTrue(debug.waitFor(START.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, debug.exitValue());
        debugOutput.await(l -> l.contains(" DEBUG org.jpcscd.launcher.BundleInstaller - installed org.jpcscd.core"), STOP);
    }

    @Test
    void withoutForegroundItDetachesAndReturnsOnceStarted() throws Exception {
        Process launcher = pcscd();
        ProcessOutput output = ProcessOutput.of(launcher);
        assertTrue(launcher.waitFor(START.toSeconds(), TimeUnit.SECONDS), "returns once the daemon is up");
        assertEquals(0, launcher.exitValue(), output.text());
        Matcher pid = Pattern.compile("pid (\\d+), log (\\S+)").matcher(output.text());
        assertTrue(pid.find(), output.text());
        Optional<ProcessHandle> daemon = ProcessHandle.of(Long.parseLong(pid.group(1)));
        assertTrue(daemon.isPresent() && daemon.get().isAlive(), "the daemon runs on");
        started.add(daemon.get());
        assertTrue(Files.readString(Path.of(pid.group(2))).contains("jpcscd started"));

        daemon.get().destroy();
        daemon.get().onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
        assertFalse(daemon.get().isAlive());
    }

    @Test
    void helpAndUsageErrors() throws Exception {
        Process help = pcscd("--help");
        ProcessOutput helpText = ProcessOutput.of(help);
        assertTrue(help.waitFor(START.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, help.exitValue());
        helpText.await(l -> l.equals("EXIT STATUS"), STOP);

        Process bad = pcscd("--no-such-option");
        ProcessOutput badText = ProcessOutput.of(bad);
        assertTrue(bad.waitFor(START.toSeconds(), TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue());
        badText.await(l -> l.contains("--no-such-option"), STOP);
    }

    @Test
    void anUnknownFeatureIsAStartFailure() throws Exception {
        Process process = pcscd("--foreground", "--features", "core,nonesuch");
        ProcessOutput output = ProcessOutput.of(process);
        assertTrue(process.waitFor(START.toSeconds(), TimeUnit.SECONDS));
        assertEquals(1, process.exitValue());
        output.await(l -> l.contains("ERROR") && l.contains("no feature 'nonesuch'"), STOP);
    }
}
