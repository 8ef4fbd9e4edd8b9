package org.jpcscd.client;

import java.nio.file.Path;

import org.jpcscd.api.Scope;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.client.internal.AutoStarter;
import org.jpcscd.client.internal.Connection;
import org.jpcscd.client.internal.Rv;
import org.jpcscd.wire.Command;
import org.jpcscd.wire.EstablishStruct;
import org.jpcscd.wire.VersionStruct;
import org.jpcscd.wire.Wire;

/**
 * Entry point of the pure-Java PC/SC client: establishes {@link Context}s with a pcsc-lite
 * compatible daemon (jpcscd, or pcsc-lite's own pcscd) over its Unix socket, starting the daemon
 * first when none answers and {@linkplain ClientSettings#autoStart() auto-start} is on.
 *
 * <pre>{@code
 * try (Context ctx = PcscClient.create().establishContext()) {
 *     String reader = ctx.listReaders().get(0);
 *     CardHandle card = ctx.connect(reader, ShareMode.SHARED, Protocol.ANY_MASK);
 *     byte[] response = card.transmit(HexFormat.of().parseHex("00A4040000"));
 *     card.disconnect(Disposition.LEAVE);
 * }
 * }</pre>
 */
public final class PcscClient {
    private final ClientSettings settings;

    private PcscClient(ClientSettings settings) {
        this.settings = settings;
    }

    /** A client configured from system properties, environment and config file. */
    public static PcscClient create() {
        return new PcscClient(ClientSettings.fromEnvironment());
    }

    public static PcscClient create(ClientSettings settings) {
        return new PcscClient(settings);
    }

    /** A client for the daemon on {@code socket}, without auto-start. */
    public static PcscClient forSocket(Path socket) {
        return new PcscClient(ClientSettings.forSocket(socket));
    }

    public ClientSettings settings() {
        return settings;
    }

    /** {@code SCardEstablishContext(SCARD_SCOPE_SYSTEM)}. */
    public Context establishContext() throws ScardException {
        return establishContext(Scope.SYSTEM);
    }

    /**
     * {@code SCardEstablishContext}: a new socket, the protocol 4.4 handshake, then ESTABLISH.
     *
     * @throws ScardException {@code SCARD_E_NO_SERVICE} when no daemon answers (and none could be
     *         started), {@code SCARD_E_SERVICE_STOPPED} when the daemon speaks another protocol
     */
    public Context establishContext(Scope scope) throws ScardException {
        Connection connection = settings.autoStart()
                ? AutoStarter.connect(settings.socket(), settings.resolvedDaemonCommand(), settings.startTimeout())
                : Connection.open(settings.socket());
        try {
            handshake(connection);
            connection.send(Command.ESTABLISH_CONTEXT, new EstablishStruct(scope.value(), 0, 0));
            EstablishStruct reply = EstablishStruct.read(connection.receive(EstablishStruct.SIZE));
            Rv.check(reply.rv(), "establish context");
            return new Context(connection, reply.context());
        } catch (ScardException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Offers 4.4 (what Debian 12's libpcsclite speaks). A 2.3.0–2.4.0 daemon insists on 4.5, which
     * differs only by a command this client never sends, so it is offered 4.5 back, as 2.4.1+
     * clients do.
     */
    private static void handshake(Connection connection) throws ScardException {
        VersionStruct reply = exchangeVersion(connection, Wire.PROTOCOL_MINOR_1_9);
        if (reply.rv() == ScardCode.E_SERVICE_STOPPED.value() && reply.major() == Wire.PROTOCOL_MAJOR
                && reply.minor() == Wire.PROTOCOL_MINOR_2_3) {
            reply = exchangeVersion(connection, reply.minor());
        }
        Rv.check(reply.rv(), "protocol handshake: the daemon speaks " + reply.major() + "." + reply.minor()
                + ", this client 4.4");
    }

    private static VersionStruct exchangeVersion(Connection connection, int minor) throws ScardException {
        connection.send(Command.VERSION, new VersionStruct(Wire.PROTOCOL_MAJOR, minor, 0));
        return VersionStruct.read(connection.receive(VersionStruct.SIZE));
    }
}
