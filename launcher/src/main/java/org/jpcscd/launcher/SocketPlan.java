package org.jpcscd.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the launch decides about its PC/SC socket before the framework starts: which path it serves
 * (for the one-daemon-per-socket lock), whether systemd handed it over, and whether the daemon exits
 * when idle. The bundles learn it through a framework property and the lifecycle configuration.
 */
final class SocketPlan {
    static final String PROTOCOL_PID = "org.jpcscd.protocol";
    static final String LIFECYCLE_PID = "org.jpcscd.lifecycle";
    static final String DEFAULT_SOCKET = "/run/pcscd/pcscd.comm";
    /** Read by the protocol bundle (ProtocolServer.INHERITED_FD_PROPERTY). */
    static final String INHERITED_FD_PROPERTY = "jpcscd.listen.fd";
    private static final String PROTOCOL_BUNDLE = "jpcscd-protocol";

    private final Path socket;
    private final OptionalInt inheritedFd;

    private SocketPlan(Path socket, OptionalInt inheritedFd) {
        this.socket = socket;
        this.inheritedFd = inheritedFd;
    }

    static SocketPlan of(FeatureSet features, Map<String, Map<String, Object>> configurations,
            Map<String, String> environment, long pid) {
        boolean serves = features.bundles().stream().anyMatch(b -> PROTOCOL_BUNDLE.equals(b.id().getArtifactId()));
        Object configured = configurations.getOrDefault(PROTOCOL_PID, Map.of()).get("socket.path");
        Path socket = serves ? Path.of(configured == null ? DEFAULT_SOCKET : configured.toString()).toAbsolutePath() : null;
        return new SocketPlan(socket, serves ? SocketActivation.listeningFd(environment, pid) : OptionalInt.empty());
    }

    boolean servesSocket() {
        return socket != null;
    }

    boolean socketActivated() {
        return inheritedFd.isPresent();
    }

    Path socket() {
        return socket;
    }

    /** Framework properties the protocol bundle reads. */
    Map<String, String> frameworkProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        inheritedFd.ifPresent(fd -> properties.put(INHERITED_FD_PROPERTY, Integer.toString(fd)));
        return properties;
    }

    /**
     * The idle-exit configuration: the command line's choice, else on when socket-activated (systemd
     * starts the daemon again on the next connection), else nothing, so etc/ or the defaults (off) rule.
     */
    void configureIdleExit(Settings settings, Map<String, Map<String, Object>> configurations) {
        Boolean autoExit = settings.autoExit != null ? settings.autoExit : socketActivated() ? Boolean.TRUE : null;
        if (autoExit == null) {
            return;
        }
        Map<String, Object> lifecycle = configurations.computeIfAbsent(LIFECYCLE_PID, p -> new LinkedHashMap<>());
        lifecycle.put("auto.exit", autoExit);
        if (settings.idleDelaySeconds != null) {
            lifecycle.put("idle.delay.s", settings.idleDelaySeconds);
        }
    }

    /** Locks the pid file beside the socket; null when this launch serves no socket. */
    InstanceLock lock() {
        return socket == null ? null : InstanceLock.acquire(socket);
    }

    /**
     * Removes the socket file if the protocol bundle could not (a stop that timed out). Only while the
     * lock is still held, so it can only be this daemon's; never a socket systemd owns.
     */
    void removeLeftSocket() {
        if (socket == null || socketActivated()) {
            return;
        }
        try {
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(socket, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(socket, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(socket);
            }
        } catch (IOException e) {
            // Nothing else to do on the way out; the next daemon removes a stale socket itself.
        }
    }
}
