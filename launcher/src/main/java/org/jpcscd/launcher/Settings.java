package org.jpcscd.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the daemon is asked to do, gathered from the environment, the configuration file and the
 * command line. Every option lands in one of two maps: framework properties (read by bundles through
 * {@code BundleContext.getProperty}) or Config Admin properties per PID, so a new option is one
 * method in {@link PcscdCommand} that writes one entry.
 */
final class Settings {
    static final List<String> DEFAULT_FEATURES = List.of("core", "protocol", "lifecycle", "shell", "virtual");
    /** The socket server's configuration and the property holding its path. */
    static final String PROTOCOL_PID = "org.jpcscd.protocol";
    static final String SOCKET_PATH = "socket.path";

    /** The distribution's root folder (the parent of {@code bin/} and {@code lib/}). */
    Path home;
    List<String> features = new ArrayList<>(DEFAULT_FEATURES);
    boolean foreground;
    boolean debug;
    boolean exitAfterStart;
    /** --auto-exit / --no-auto-exit; null: the default (on only when socket-activated). */
    Boolean autoExit;
    /** --auto-exit=SECONDS; null: the configuration's (60 s by default). */
    Integer idleDelaySeconds;
    /** The folder for the framework cache and other private run-time files, null to choose one. */
    Path runtimeDirectory;
    final Map<String, String> frameworkProperties = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();

    static Settings fromEnvironment(Map<String, String> environment) {
        Settings settings = new Settings();
        String home = environment.get("JPCSCD_HOME");
        settings.home = home == null || home.isEmpty() ? Distribution.homeOfThisJar() : Path.of(home);
        // pcscd and libpcsclite both take the socket from this variable; so do we.
        String socket = environment.get("PCSCLITE_CSOCK_NAME");
        if (socket != null && !socket.isEmpty()) {
            settings.configure(PROTOCOL_PID, SOCKET_PATH, socket);
        }
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty()) {
            settings.runtimeDirectory = Path.of(runtime, "jpcscd");
        }
        return settings;
    }

    /** Sets one Config Admin property of the configuration {@code pid}, created if it does not exist. */
    void configure(String pid, String key, Object value) {
        configurations.computeIfAbsent(Objects.requireNonNull(pid), p -> new LinkedHashMap<>())
                .put(Objects.requireNonNull(key), value);
    }
}
