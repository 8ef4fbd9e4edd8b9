package org.jpcscd.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jpcscd.api.EventStateBits;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.client.internal.Connection;
import org.jpcscd.client.internal.Rv;
import org.jpcscd.wire.Command;
import org.jpcscd.wire.ConnectStruct;
import org.jpcscd.wire.HandleStruct;
import org.jpcscd.wire.ReaderStateEntry;
import org.jpcscd.wire.ReleaseStruct;
import org.jpcscd.wire.SignalStruct;
import org.jpcscd.wire.Wire;

/**
 * A PC/SC context ({@code SCARDCONTEXT}): one socket to the daemon, on which every call of this
 * context and of the {@link CardHandle}s connected through it travels, one at a time. It may be
 * shared between threads; {@link #cancel()} may be called from any thread while another blocks in
 * {@link #getStatusChange}.
 */
public final class Context implements AutoCloseable {
    /** libpcsclite waits in chunks of a minute when asked to wait forever. */
    private static final long INFINITE_CHUNK_MILLIS = 60_000;

    private final Connection connection;
    private final int id;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean waiting;
    private volatile ScardException dead;
    private volatile boolean released;

    Context(Connection connection, int id) {
        this.connection = connection;
        this.id = id;
    }

    /** The daemon's {@code hContext}. */
    public int id() {
        return id;
    }

    /** False once released or once its connection to the daemon was lost. */
    public boolean isValid() {
        return !released && dead == null;
    }

    /** The names of all readers, in the daemon's order (empty when there are none). */
    public List<String> listReaders() throws ScardException {
        List<String> names = new ArrayList<>();
        for (ReaderStateEntry e : readerStates()) {
            if (e.isUsed()) {
                names.add(e.name());
            }
        }
        return names;
    }

    /** The daemon's reader-state table (all 16 entries, unused ones included). */
    public List<ReaderStateEntry> readerStates() throws ScardException {
        lock.lock();
        try {
            checkUsable();
            connection.send(Command.GET_READERS_STATE, null);
            return readDump();
        } catch (ScardException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code SCardGetStatusChange}: fills every entry's event state and returns as soon as one of
     * them differs from what the caller believes, or when {@code timeoutMillis} has passed.
     *
     * @param timeoutMillis 0 to only look, a negative value to wait without limit
     * @throws ScardException {@code SCARD_E_TIMEOUT}, {@code SCARD_E_CANCELLED} after {@link #cancel()}
     *         or when the waiting thread is interrupted (its interrupt flag stays set),
     *         {@code SCARD_E_UNKNOWN_READER} for a reader name the daemon does not have
     */
    public void getStatusChange(long timeoutMillis, List<ReaderState> states) throws ScardException {
        if (states.size() > Wire.MAX_READERS_CONTEXTS) {
            throw new ScardException(ScardCode.E_INVALID_PARAMETER, states.size() + " readers, at most 16");
        }
        if (states.stream().allMatch(s -> (s.currentState() & EventStateBits.IGNORE) != 0)) {
            return;
        }
        lock.lock();
        try {
            checkUsable();
            // Cancellable from the first WAIT on: a cancel then reaches us as the next 8-byte message.
            waiting = true;
            waitForChange(timeoutMillis, states);
        } catch (ScardException e) {
            throw fail(e);
        } finally {
            waiting = false;
            lock.unlock();
        }
    }

    private void waitForChange(long timeoutMillis, List<ReaderState> states) throws ScardException {
        boolean infinite = timeoutMillis < 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        connection.send(Command.WAIT_READER_STATE_CHANGE, null);
        List<ReaderStateEntry> dump = readDump();
        Map<String, ReaderStateEntry> readers = StatusChangeRules.readers(dump);
        for (ReaderState s : states) {
            if (!s.isPnp() && (s.currentState() & EventStateBits.IGNORE) == 0 && !readers.containsKey(s.readerName())) {
                stopWaiting();
                throw new ScardException(ScardCode.E_UNKNOWN_READER, s.readerName());
            }
        }
        int readerCount = readers.size();
        while (true) {
            if (StatusChangeRules.evaluate(states, dump, readerCount)) {
                stopWaiting();
                return;
            }
            long budget = infinite ? INFINITE_CHUNK_MILLIS
                    : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            SignalStruct signal = budget > 0 ? awaitSignal(budget) : null;
            if (signal == null) {
                // Timed out (or interrupted): unregister. The reply may instead be a cancel that raced with us.
                int rv = stopWaiting();
                Rv.check(rv, "waiting for a reader change");
                if (Thread.currentThread().isInterrupted()) {
                    throw new ScardException(ScardCode.E_CANCELLED, "the waiting thread was interrupted");
                }
                if (!infinite) {
                    throw new ScardException(ScardCode.E_TIMEOUT);
                }
                if (!Files.exists(connection.socket())) {
                    throw new ScardException(ScardCode.E_NO_SERVICE, "the daemon's socket is gone");
                }
            } else {
                // Cancelled: the daemon already unregistered us, so no STOP.
                Rv.check(signal.rv(), "waiting for a reader change");
            }
            connection.send(Command.WAIT_READER_STATE_CHANGE, null);
            dump = readDump();
        }
    }

    private SignalStruct awaitSignal(long millis) throws ScardException {
        ByteBuffer in = connection.receive(SignalStruct.SIZE, millis);
        return in == null ? null : SignalStruct.read(in);
    }

    /** STOP, then the one 8-byte message that follows it: the STOP reply or a signal sent just before. */
    private int stopWaiting() throws ScardException {
        connection.send(Command.STOP_WAITING_READER_STATE_CHANGE, null);
        return SignalStruct.read(connection.receive(SignalStruct.SIZE)).rv();
    }

    private List<ReaderStateEntry> readDump() throws ScardException {
        return ReaderStateEntry.readArray(connection.receive(ReaderStateEntry.ARRAY_SIZE), Wire.MAX_READERS_CONTEXTS);
    }

    /**
     * {@code SCardCancel}: makes a {@link #getStatusChange} blocked on this context return
     * {@code SCARD_E_CANCELLED}. Does nothing when no call is waiting. Safe from any thread.
     */
    public void cancel() throws ScardException {
        if (released) {
            throw new ScardException(ScardCode.E_INVALID_HANDLE, "context released");
        }
        if (!waiting) {
            return;
        }
        try (Connection side = Connection.open(connection.socket())) {
            side.send(Command.CANCEL, new HandleStruct(id, 0));
            HandleStruct reply = HandleStruct.read(side.receive(HandleStruct.SIZE));
            // pcscd 1.9.9 answers INVALID_HANDLE when the wait ended just before the cancel arrived
            // (issue #160); the waiter has returned then, which is all cancel promises.
            if (reply.rv() != ScardCode.E_INVALID_HANDLE.value()) {
                Rv.check(reply.rv(), "cancel");
            }
        }
    }

    /**
     * {@code SCardConnect}.
     *
     * @param preferredProtocols a {@link Protocol} mask, e.g. {@link Protocol#ANY_MASK}; ignored for DIRECT
     */
    public CardHandle connect(String reader, ShareMode shareMode, int preferredProtocols) throws ScardException {
        if (reader == null) {
            throw new ScardException(ScardCode.E_UNKNOWN_READER, "no reader name");
        }
        if (reader.getBytes(StandardCharsets.UTF_8).length >= Wire.MAX_READER_NAME) {
            throw new ScardException(ScardCode.E_INVALID_VALUE, "reader name longer than 127 bytes");
        }
        ConnectStruct request = new ConnectStruct(id, reader, shareMode.value(), preferredProtocols, 0, 0, 0);
        ConnectStruct reply;
        lock.lock();
        try {
            checkUsable();
            connection.send(Command.CONNECT, request);
            reply = ConnectStruct.read(connection.receive(ConnectStruct.SIZE));
        } catch (ScardException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
        Rv.check(reply.rv(), "connect to " + reader);
        return new CardHandle(this, reply.handle(), reader, shareMode, reply.activeProtocol());
    }

    /** {@code SCardReleaseContext}: the socket is closed whatever the daemon answers. */
    public void release() throws ScardException {
        lock.lock();
        try {
            if (released) {
                throw new ScardException(ScardCode.E_INVALID_HANDLE, "context already released");
            }
            released = true;
            if (dead != null) {
                return;
            }
            connection.send(Command.RELEASE_CONTEXT, new ReleaseStruct(id, 0));
            Rv.check(ReleaseStruct.read(connection.receive(ReleaseStruct.SIZE)).rv(), "release context");
        } finally {
            connection.close();
            lock.unlock();
        }
    }

    /** Releases the context, ignoring a daemon that is already gone. */
    @Override
    public void close() {
        if (!released) {
            try {
                release();
            } catch (ScardException e) {
                // The socket is closed either way; the daemon cleans up the rest.
            }
        }
    }

    // ---- used by CardHandle: one request/reply exchange under the context's lock

    interface Exchange<T> {
        T run(Connection connection) throws ScardException;
    }

    <T> T exchange(Exchange<T> exchange) throws ScardException {
        lock.lock();
        try {
            checkUsable();
            return exchange.run(connection);
        } catch (ScardException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    private void checkUsable() throws ScardException {
        if (released) {
            throw new ScardException(ScardCode.E_INVALID_HANDLE, "context released");
        }
        ScardException cause = dead;
        if (cause != null) {
            throw new ScardException(cause.code(), "the connection to the daemon was lost earlier", cause);
        }
    }

    /** A transport failure leaves the socket out of step: the context is dead from then on. */
    private ScardException fail(ScardException e) {
        ScardCode c = e.code();
        if (c == ScardCode.E_NO_SERVICE || c == ScardCode.F_COMM_ERROR || c == ScardCode.W_SECURITY_VIOLATION) {
            if (dead == null && !released) {
                dead = e;
                connection.close();
            }
        }
        return e;
    }

    @Override
    public String toString() {
        return String.format("Context[0x%08X%s]", id, isValid() ? "" : ", invalid");
    }
}
