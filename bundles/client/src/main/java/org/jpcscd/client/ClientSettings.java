package org.jpcscd.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.slf4j.LoggerFactory;

/**
 * Where the daemon's socket is and whether, and how, to start a daemon when none answers.
 *
 * <p>{@link #fromEnvironment()} looks, in this order, at system properties, environment variables,
 * the client's config file, then the defaults:
 * <table>
 * <caption>settings</caption>
 * <tr><th>setting</th><th>system property</th><th>environment</th><th>config key</th><th>default</th></tr>
 * <tr><td>socket</td><td>{@value #SOCKET_PROPERTY}</td><td>{@code PCSCLITE_CSOCK_NAME}</td><td>{@code socket}</td>
 *     <td>{@code /run/pcscd/pcscd.comm}</td></tr>
 * <tr><td>auto-start on/off</td><td>{@value #AUTOSTART_PROPERTY}</td><td>{@code JPCSCD_AUTOSTART}</td>
 *     <td>{@code autostart}</td><td>true</td></tr>
 * <tr><td>daemon command</td><td>{@value #DAEMON_PROPERTY}</td><td>{@code JPCSCD_DAEMON}</td><td>{@code daemon}</td>
 *     <td>the distribution's {@code bin/pcscd --foreground --socket {socket} --auto-exit --define jpcscd.start.mode=on-demand}</td></tr>
 * <tr><td>start timeout (ms)</td><td>{@value #START_TIMEOUT_PROPERTY}</td><td>{@code JPCSCD_AUTOSTART_TIMEOUT}</td>
 *     <td>{@code autostart.timeout}</td><td>10000</td></tr>
 * </table>
 * The config file is {@value #CONFIG_PROPERTY} / {@code JPCSCD_CLIENT_CONFIG}, else
 * {@code ~/.config/jpcscd/client.properties}, else {@code /etc/jpcscd/client.properties}. A daemon
 * command is split at white space; {@code {socket}} in it is replaced by the socket path.
 */
public record ClientSettings(Path socket, boolean autoStart, List<String> daemonCommand, Duration startTimeout) {
    public static final String SOCKET_PROPERTY = "org.jpcscd.client.socket";
    public static final String AUTOSTART_PROPERTY = "org.jpcscd.client.autostart";
    public static final String DAEMON_PROPERTY = "org.jpcscd.client.daemon";
    public static final String START_TIMEOUT_PROPERTY = "org.jpcscd.client.autostart.timeout";
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);
    public static final String CONFIG_PROPERTY = "org.jpcscd.client.config";
    public static final Path DEFAULT_SOCKET = Path.of("/run/pcscd/pcscd.comm");
    /**
     * Arguments given to the distribution's {@code bin/pcscd} when the client starts it. The start
     * mode tells the daemon it was started on demand, so one started by an unprivileged user refuses
     * APDU tracing (other users' clients may use it).
     */
    public static final String DEFAULT_DAEMON_ARGUMENTS = "--foreground --socket {socket} --auto-exit --define jpcscd.start.mode=on-demand";

    public ClientSettings {
        Objects.requireNonNull(socket, "socket");
        daemonCommand = List.copyOf(daemonCommand);
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** Settings for a socket, auto-start off. */
    public static ClientSettings forSocket(Path socket) {
        return new ClientSettings(socket, false, List.of(), DEFAULT_START_TIMEOUT);
    }

    public static ClientSettings fromEnvironment() {
        return fromSources(System.getProperties(), System.getenv());
    }

    static ClientSettings fromSources(Properties system, Map<String, String> env) {
        Properties file = configFile(system, env);
        Path socket = Path.of(pick(system.getProperty(SOCKET_PROPERTY), env.get("PCSCLITE_CSOCK_NAME"),
                file.getProperty("socket"), DEFAULT_SOCKET.toString()));
        boolean autoStart = !switchedOff(pick(system.getProperty(AUTOSTART_PROPERTY),
                env.get("JPCSCD_AUTOSTART"), file.getProperty("autostart"), "true"));
        String command = pick(system.getProperty(DAEMON_PROPERTY), env.get("JPCSCD_DAEMON"),
                file.getProperty("daemon"), defaultDaemonCommand(env));
        Duration timeout = millis(pick(system.getProperty(START_TIMEOUT_PROPERTY),
                env.get("JPCSCD_AUTOSTART_TIMEOUT"), file.getProperty("autostart.timeout"), null));
        return new ClientSettings(socket, autoStart, split(command), timeout);
    }

    /** Only an explicit "off" switches auto-start off: "1" or "yes" must not do so silently. */
    private static boolean switchedOff(String value) {
        return List.of("false", "0", "no", "off").contains(value.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A malformed timeout falls back to the default with one log line: failing every PC/SC call of
     * the application over a typo in an environment variable would be worse.
     */
    private static Duration millis(String value) {
        if (value == null) {
            return DEFAULT_START_TIMEOUT;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LoggerFactory.getLogger(ClientSettings.class).warn("ignoring auto-start timeout '{}' (milliseconds expected): using {} ms",
                value, DEFAULT_START_TIMEOUT.toMillis());
        return DEFAULT_START_TIMEOUT;
    }

    public ClientSettings withSocket(Path newSocket) {
        return new ClientSettings(newSocket, autoStart, daemonCommand, startTimeout);
    }

    public ClientSettings withAutoStart(boolean on) {
        return new ClientSettings(socket, on, daemonCommand, startTimeout);
    }

    public ClientSettings withDaemonCommand(List<String> command) {
        return new ClientSettings(socket, autoStart, command, startTimeout);
    }

    public ClientSettings withStartTimeout(Duration timeout) {
        return new ClientSettings(socket, autoStart, daemonCommand, timeout);
    }

    /** The daemon command with {@code {socket}} filled in. */
    public List<String> resolvedDaemonCommand() {
        return daemonCommand.stream().map(a -> a.replace("{socket}", socket.toString())).toList();
    }

    static List<String> split(String command) {
        if (command == null || command.isBlank()) {
            return List.of();
        }
        return Arrays.asList(command.trim().split("\\s+"));
    }

    private static String pick(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }

    private static Properties configFile(Properties system, Map<String, String> env) {
        Properties p = new Properties();
        String explicit = pick(system.getProperty(CONFIG_PROPERTY), env.get("JPCSCD_CLIENT_CONFIG"));
        String home = system.getProperty("user.home", "");
        String xdg = pick(env.get("XDG_CONFIG_HOME"), home + "/.config");
        for (String candidate : explicit != null ? List.of(explicit)
                : List.of(xdg + "/jpcscd/client.properties", "/etc/jpcscd/client.properties")) {
            Path path = Path.of(candidate);
            if (Files.isReadable(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    p.load(in);
                    return p;
                } catch (IOException e) {
                    // An unreadable config file is the same as none: the other sources still apply.
                }
            }
        }
        return p;
    }

    /**
     * {@code bin/pcscd} of the distribution this jar belongs to ({@code JPCSCD_HOME}, or found
     * from the jar's own location, e.g. {@code <dist>/lib/jpcscd-client.jar}); null if none.
     */
    private static String defaultDaemonCommand(Map<String, String> env) {
        Path script = null;
        String home = env.get("JPCSCD_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "pcscd"))) {
            script = Path.of(home, "bin", "pcscd");
        } else {
            script = scriptNearJar();
        }
        return script == null ? null : script + " " + DEFAULT_DAEMON_ARGUMENTS;
    }

    private static Path scriptNearJar() {
        try {
            CodeSource source = ClientSettings.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return null;
            }
            Path dir = Path.of(source.getLocation().toURI()).toAbsolutePath().getParent();
            for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
                Path candidate = dir.resolve("bin").resolve("pcscd");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // No usable location: no default daemon, auto-start needs an explicit command.
        }
        return null;
    }
}
