package org.jpcscd.client.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.wire.Command;
import org.jpcscd.wire.RequestWriter;
import org.jpcscd.wire.Wire;
import org.jpcscd.wire.WireStruct;

/**
 * One Unix-socket connection to the daemon, with libpcsclite's error mapping: a write that fails is
 * {@code SCARD_E_NO_SERVICE}, end of stream is {@code SCARD_F_COMM_ERROR} and a connection reset (the
 * daemon refused us before reading) is {@code SCARD_W_SECURITY_VIOLATION}.
 *
 * <p>The channel is non-blocking with its own selector, because a JDK Unix-domain channel offers no
 * read timeout and {@code SCardGetStatusChange} needs one. Not thread-safe: its owner serialises.
 */
public final class Connection implements Closeable {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final Path socket;

    private Connection(SocketChannel channel, Selector selector, SelectionKey key, Path socket) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
        this.socket = socket;
    }

    /**
     * Connects to the daemon's socket.
     *
     * @throws ScardException {@code SCARD_E_NO_SERVICE} when the socket is missing or nobody accepts
     */
    public static Connection open(Path socket) throws ScardException {
        if (!Files.exists(socket)) {
            throw new ScardException(ScardCode.E_NO_SERVICE, "no daemon socket at " + socket);
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            SelectionKey key = channel.register(selector, 0);
            return new Connection(channel, selector, key, socket);
        } catch (IOException e) {
            closeQuietly(channel);
            String why = e instanceof ConnectException ? "nobody accepts on " : "cannot connect to ";
            throw new ScardException(ScardCode.E_NO_SERVICE, why + socket + " (" + e.getMessage() + ")", e);
        }
    }

    /** True when something answers on the socket right now (used by auto-start). */
    public static boolean accepts(Path socket) {
        try (Connection ignored = open(socket)) {
            return true;
        } catch (ScardException e) {
            return false;
        }
    }

    public Path socket() {
        return socket;
    }

    /** Sends a request: header, struct, then any payload. */
    public void send(Command command, WireStruct body, byte[] payload) throws ScardException {
        write(ByteBuffer.wrap(RequestWriter.request(command, body, payload == null ? new byte[0] : payload)));
    }

    public void send(Command command, WireStruct body) throws ScardException {
        send(command, body, null);
    }

    private void write(ByteBuffer out) throws ScardException {
        try {
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(SelectionKey.OP_WRITE, 0);
                }
            }
        } catch (IOException e) {
            throw new ScardException(ScardCode.E_NO_SERVICE, "lost the daemon while sending (" + e.getMessage() + ")", e);
        }
    }

    /** Reads exactly {@code length} bytes, blocking without limit. */
    public ByteBuffer receive(int length) throws ScardException {
        return receive(length, 0);
    }

    /**
     * Reads exactly {@code length} bytes. With a timeout (milliseconds, 0 = none), returns null when
     * nothing at all arrived in time; once the first byte is in, the rest is awaited without limit
     * so a message is never split.
     */
    public ByteBuffer receive(int length, long timeoutMillis) throws ScardException {
        ByteBuffer in = Wire.allocate(length);
        long deadline = timeoutMillis == 0 ? 0 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            while (in.hasRemaining()) {
                int n = channel.read(in);
                if (n < 0) {
                    throw new ScardException(ScardCode.F_COMM_ERROR, "the daemon closed the connection");
                }
                if (n == 0 && !await(SelectionKey.OP_READ, in.position() == 0 ? deadline : 0)) {
                    return null;
                }
            }
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("reset")) {
                throw new ScardException(ScardCode.W_SECURITY_VIOLATION, "the daemon reset the connection", e);
            }
            throw new ScardException(ScardCode.F_COMM_ERROR, "reading from the daemon failed (" + message + ")", e);
        }
        in.flip();
        return in;
    }

    /**
     * Waits until the channel is ready for {@code op}; false once {@code deadline} (nanoTime, 0 =
     * none) passed. A timed wait also ends (false) when the thread is interrupted, leaving the flag
     * set for the caller to see; an untimed one (a reply that is on its way) ignores the interrupt
     * until the reply is in, then restores the flag, instead of spinning on a selector that an
     * interrupted thread can no longer block in.
     */
    private boolean await(int op, long deadline) throws IOException {
        boolean interrupted = false;
        key.interestOps(op);
        try {
            while (true) {
                long wait = 0;
                if (deadline != 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        return false;
                    }
                    wait = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (wait <= 0) {
                        return false;
                    }
                } else if (Thread.interrupted()) {
                    interrupted = true;
                }
                int selected = selector.select(wait);
                selector.selectedKeys().clear();
                if (selected > 0) {
                    return true;
                }
            }
        } finally {
            key.interestOps(0);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        closeQuietly(selector);
        closeQuietly(channel);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing useful to do: the connection is gone either way
            }
        }
    }
}
