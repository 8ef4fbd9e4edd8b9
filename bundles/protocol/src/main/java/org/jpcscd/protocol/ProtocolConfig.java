package org.jpcscd.protocol;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the PC/SC socket server (PID {@value ProtocolServer#PID}). */
@ObjectClassDefinition(
        id = ProtocolServer.PID,
        name = "jpcscd PC/SC socket",
        description = "The Unix socket libpcsclite clients connect to, and pcscd's limits")
public @interface ProtocolConfig {
    @AttributeDefinition(
            name = "Socket path",
            description = "Where clients find the daemon; libpcsclite reads the same path from PCSCLITE_CSOCK_NAME")
    String socket_path() default ServerSettings.DEFAULT_SOCKET_PATH;

    @AttributeDefinition(
            name = "Maximum connections",
            description = "Client connections served at once (pcscd --max-thread); more are closed at once")
    int max_connections() default ServerSettings.DEFAULT_MAX_CONNECTIONS;

    @AttributeDefinition(
            name = "Foreign handle delay (ms)",
            description = "How long a connection that used another connection's card handle waits before it is closed")
    long foreign_handle_delay_ms() default ServerSettings.DEFAULT_FOREIGN_HANDLE_DELAY_MS;

    @AttributeDefinition(
            name = "Partial message timeout (ms)",
            description = "A client that stops sending in the middle of a message is disconnected after this long")
    long partial_message_timeout_ms() default ServerSettings.DEFAULT_PARTIAL_MESSAGE_TIMEOUT_MS;
}
