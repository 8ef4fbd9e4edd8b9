package org.jpcscd.protocol;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's settings as plain values, so the server runs the same inside OSGi (from
 * {@link ProtocolConfig}) and in a test.
 *
 * @param socketPath the Unix socket to listen on
 * @param maxConnections connections served at once, cancel connections included (pcscd: 200)
 * @param foreignHandleDelay the pause before closing a connection that used a handle it does not own
 *     (pcscd: 2 s, to slow down handle guessing)
 * @param partialMessageTimeout how long the rest of a started message may take to arrive
 */
public record ServerSettings(
        Path socketPath, int maxConnections, Duration foreignHandleDelay, Duration partialMessageTimeout) {
    public static final String DEFAULT_SOCKET_PATH = "/run/pcscd/pcscd.comm";
    public static final int DEFAULT_MAX_CONNECTIONS = 200;
    public static final long DEFAULT_FOREIGN_HANDLE_DELAY_MS = 2000;
    public static final long DEFAULT_PARTIAL_MESSAGE_TIMEOUT_MS = 10_000;

    public static ServerSettings defaults(Path socketPath) {
        return new ServerSettings(
                socketPath,
                DEFAULT_MAX_CONNECTIONS,
                Duration.ofMillis(DEFAULT_FOREIGN_HANDLE_DELAY_MS),
                Duration.ofMillis(DEFAULT_PARTIAL_MESSAGE_TIMEOUT_MS));
    }

    static ServerSettings from(ProtocolConfig config) {
        return new ServerSettings(
                Path.of(config.socket_path()),
                config.max_connections(),
                Duration.ofMillis(config.foreign_handle_delay_ms()),
                Duration.ofMillis(config.partial_message_timeout_ms()));
    }

    public ServerSettings withForeignHandleDelay(Duration delay) {
        return new ServerSettings(socketPath, maxConnections, delay, partialMessageTimeout);
    }
}
