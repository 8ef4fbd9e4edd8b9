package org.jpcscd.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code pcscd} command line. Each option is a method that records what it changes in
 * {@link Settings}; the records are replayed over the configuration file, so the command line wins.
 */
@Command(
        name = "pcscd",
        version = "jpcscd 0.1.0",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        headerHeading = "%nNAME%n  ",
        header = "pcscd - jpcscd, a PC/SC smart-card daemon on Apache Felix",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "  Starts the daemon that gives PC/SC applications access to smart-card readers, as",
            "  pcsc-lite's pcscd does. It embeds an OSGi framework (Apache Felix) and starts it from",
            "  feature files: the core, the Gogo shell commands and the reader drivers. Drivers are",
            "  bundles; a bundle dropped into deploy/ is installed at once, and removed with its file.",
            "",
            "  Without --foreground the daemon detaches: it runs in its own session with its output",
            "  in a log file, and this command exits once it has been started.",
            "  In the foreground with a terminal on standard input the Gogo console is on that",
            "  terminal (type 'help', 'pcsc:readers', 'stop 0' to exit). With no terminal (as under",
            "  systemd) it runs without a console until it receives SIGTERM or SIGINT, then stops",
            "  every bundle and exits with status 0."
        },
        optionListHeading = "%nOPTIONS%n",
        footerHeading = "%n",
        footer = {
            "ENVIRONMENT",
            "  JPCSCD_HOME          the distribution's folder; set by bin/pcscd.",
            "  JAVA_HOME            the Java 17+ runtime bin/pcscd uses (else java on the PATH).",
            "  JAVA_OPTS            extra JVM options, e.g. -Xmx64m.",
            "  PCSCLITE_CSOCK_NAME  the socket path when --socket is not given, as for pcscd and libpcsclite.",
            "  XDG_RUNTIME_DIR      private run-time folder: the framework cache goes to",
            "                       $XDG_RUNTIME_DIR/jpcscd/felix-cache (else a fresh temporary folder),",
            "                       the background daemon's log to $XDG_RUNTIME_DIR/jpcscd/pcscd.log.",
            "",
            "FILES",
            "  $JPCSCD_HOME/etc/pcscd.conf        default configuration file (see --config).",
            "  $JPCSCD_HOME/etc/features/*.json  feature files; --features names them.",
            "  $JPCSCD_HOME/etc/*.cfg            Config Admin configurations, one file per PID",
            "                                    (PID.cfg, or FACTORYPID-NAME.cfg), read live.",
            "  $JPCSCD_HOME/deploy/              driver bundles installed, updated and removed live.",
            "  $JPCSCD_HOME/system/              the bundles the features name, in Maven layout.",
            "",
            "EXIT STATUS",
            "  0  stopped normally (SIGTERM, SIGINT, idle exit, 'stop 0' in the shell, --exit-after-start)",
            "  1  the daemon could not start (missing bundle, bad feature file, no cache folder, another",
            "     daemon already serving the same socket: its pid file beside the socket is locked)",
            "  2  invalid command line",
            "",
            "LIFECYCLE",
            "  Run by hand (-f) or as a plain service the daemon stays until stopped. Started on demand",
            "  (by a client's auto-start, which passes --auto-exit) or by systemd socket activation it",
            "  exits 60 s after the last context is released: it first removes its socket so a client",
            "  arriving then starts a fresh daemon, serves anyone who got in before, then stops.",
            "  Only PC/SC contexts count as activity, not an attached shell (use pcsc:idle off).",
            "  One daemon per socket: a second one on the same path refuses to start while the first",
            "  lives; the pid file (pcscd.comm -> pcscd.pid) is locked for the daemon's life, so a",
            "  socket left by a killed daemon is simply taken over.",
            "",
            "EXAMPLES",
            "  pcscd --foreground",
            "      run with the simulated reader and the Gogo console on this terminal.",
            "  pcscd -f --features core,protocol,shell",
            "      no simulated reader: only drivers dropped into deploy/ provide readers.",
            "  pcscd -f --socket /tmp/pcscd.comm; PCSCLITE_CSOCK_NAME=/tmp/pcscd.comm pcsc_scan",
            "      a private socket, and a pcsc-lite client using it.",
            "  pcscd -f --debug --set org.jpcscd.ifd.virtual:readers=2",
            "      debug logging and two simulated readers.",
            "  pcscd -f --auto-exit=5",
            "      exit 5 s after the last client released its context.",
            "  pcscd -f --exit-after-start",
            "      start every bundle, log the start-up time, and stop (used for measurements)."
        })
final class PcscdCommand implements Callable<Integer> {
    private final Settings settings;
    private final List<Consumer<Settings>> commandLine = new ArrayList<>();
    private Path configFile;

    @Spec
    CommandSpec spec;

    PcscdCommand(Settings settings) {
        this.settings = settings;
    }

    @Option(names = {"-f", "--foreground"},
            description = "Run in the foreground instead of detaching. With a terminal on standard input the Gogo console is on it.")
    void foreground(boolean on) {
        commandLine.add(s -> s.foreground = on);
    }

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = {"Read settings from FILE, a Java properties file: 'features' and 'debug' as the options of the same name,",
                "any other key is a framework property. Options on the command line win.",
                "Default: $JPCSCD_HOME/etc/pcscd.conf when it exists."})
    void config(Path file) {
        this.configFile = file;
    }

    @Option(names = "--features", paramLabel = "LIST", split = ",",
            description = {"Comma-separated features to start, each a name in etc/features/ (without .json) or a path to a feature file.",
                "Default: core,protocol,lifecycle,shell,virtual. 'console' is added in the foreground with a terminal."})
    private List<String> features;

    @Option(names = {"-s", "--socket"}, paramLabel = "PATH",
            description = {"The Unix socket clients connect to (Config Admin org.jpcscd.protocol, socket.path).",
                "Default: $PCSCLITE_CSOCK_NAME, else /run/pcscd/pcscd.comm as pcscd."})
    void socket(Path path) {
        commandLine.add(s -> s.configure(Settings.PROTOCOL_PID, Settings.SOCKET_PATH, path.toAbsolutePath().toString()));
    }

    @Option(names = {"-d", "--debug"},
            description = "Log at debug level (default: info): sets org.jpcscd.logging level DEBUG, changeable live with pcsc:config. APDUs are never logged by this option.")
    void debug(boolean on) {
        commandLine.add(s -> s.debug = on);
    }

    @Option(names = {"-D", "--define"}, paramLabel = "KEY=VALUE",
            description = "Set a framework property (repeatable), e.g. -D felix.fileinstall.poll=500.")
    private Map<String, String> defines = new LinkedHashMap<>();

    @Option(names = "--set", paramLabel = "PID:KEY=VALUE",
            description = {"Set a Config Admin property before any component reads it (repeatable), e.g. --set org.jpcscd.core:poll.ms=250.",
                "A file etc/PID.cfg for the same PID replaces the configuration when it is read."})
    private List<String> assignments = new ArrayList<>();

    @Option(names = "--exit-after-start",
            description = "Start every bundle, log how long it took, then stop and exit 0. For measuring start-up.")
    void exitAfterStart(boolean on) {
        commandLine.add(s -> s.exitAfterStart = on);
    }

    @Option(names = {"-x", "--auto-exit"}, paramLabel = "SECONDS", arity = "0..1", fallbackValue = "60",
            description = {"Exit when no PC/SC context has been alive for SECONDS (default 60, as pcscd -x). The idle",
                "timer starts at start-up and whenever the last context is released; a new context stops it.",
                "Default: off, except under systemd socket activation (LISTEN_FDS), where it is on with 60 s."})
    void autoExit(int seconds) {
        if (seconds < 0) {
            throw new ParameterException(spec.commandLine(), "--auto-exit: SECONDS must be 0 or more, not " + seconds);
        }
        commandLine.add(s -> {
            s.autoExit = true;
            s.idleDelaySeconds = seconds;
        });
    }

    @Option(names = "--no-auto-exit",
            description = "Never exit for being idle, even when socket-activated (pcsc:idle in the shell changes it live).")
    void noAutoExit(boolean on) {
        commandLine.add(s -> s.autoExit = on ? Boolean.FALSE : s.autoExit);
    }

    @Override
    public Integer call() throws Exception {
        Settings resolved = resolve();
        if (!resolved.foreground && !resolved.exitAfterStart) {
            return Background.detach(resolved);
        }
        return new Daemon(resolved).run();
    }

    /** The environment's settings, then the configuration file's, then the command line's. */
    Settings resolve() throws java.io.IOException {
        Path file = configFile;
        if (file == null && settings.home != null) {
            Path fallback = settings.home.resolve("etc/pcscd.conf");
            file = Files.isRegularFile(fallback) ? fallback : null;
        } else if (file != null && !Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "--config: no such file: " + file);
        }
        if (file != null) {
            ConfigFile.read(file).applyTo(settings);
        }
        commandLine.forEach(change -> change.accept(settings));
        if (features != null) {
            settings.features = new ArrayList<>(features);
        }
        settings.frameworkProperties.putAll(defines);
        for (String assignment : assignments) {
            assign(assignment);
        }
        return settings;
    }

    private void assign(String assignment) {
        int colon = assignment.indexOf(':');
        int equals = assignment.indexOf('=', colon + 1);
        if (colon <= 0 || equals <= colon + 1) {
            throw new ParameterException(spec.commandLine(), "--set expects PID:KEY=VALUE, not '" + assignment + "'");
        }
        settings.configure(assignment.substring(0, colon), assignment.substring(colon + 1, equals),
                assignment.substring(equals + 1));
    }

}
