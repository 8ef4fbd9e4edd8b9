package org.jpcscd.protocol;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.rm.ResourceManager;
import org.jpcscd.wire.SignalStruct;

/**
 * One connection's registration for reader events (WAIT / STOP / signal / cancel). Everything happens
 * under one lock so the client's invariant holds: after a WAIT exactly one 8-byte message arrives —
 * the event signal, the cancel signal or the STOP reply — never two, and never none.
 */
final class EventRegistration {
    private final ResourceManager rm;
    private final ClientChannel channel;
    private final Executor signalExecutor;
    private final Object lock = new Object();

    private boolean registered;
    /** Protocol 4.6: a signal must not overtake the SIZE/ARRAY replies that follow the WAIT. */
    private boolean held;
    private boolean pending;
    private CompletableFuture<Long> watch;

    EventRegistration(ResourceManager rm, ClientChannel channel, Executor signalExecutor) {
        this.rm = rm;
        this.channel = channel;
        this.signalExecutor = signalExecutor;
    }

    /** Something that writes the reply of a WAIT while the registration lock is held. */
    interface Reply {
        void send() throws IOException;
    }

    /**
     * Registers for the next change after {@code generation} and sends the WAIT reply atomically with
     * the registration (protocol 4.4's fix of a lost-event race).
     *
     * @param holdSignal true for protocol 4.6: keep a signal back until {@link #releaseHeldSignal()}
     */
    void register(long generation, boolean holdSignal, Reply reply) throws IOException {
        synchronized (lock) {
            stopWatching();
            registered = true;
            held = holdSignal;
            pending = false;
            reply.send();
            CompletableFuture<Long> w = rm.awaitStateChange(generation);
            watch = w;
            w.thenRunAsync(() -> changed(w), signalExecutor);
        }
    }

    /** STOP: answers {0, 0} only when still registered; otherwise the signal already was the answer. */
    void stop() throws IOException {
        synchronized (lock) {
            if (registered) {
                unregister();
                channel.send(new SignalStruct(0, ScardCode.S_SUCCESS.value()).toBytes());
            }
        }
    }

    /** SCARD_CANCEL from another connection: true when this one was waiting and got the cancel signal. */
    boolean cancel() {
        synchronized (lock) {
            if (!registered) {
                return false;
            }
            unregister();
            sendQuietly(ScardCode.E_CANCELLED.value());
            return true;
        }
    }

    /** Protocol 4.6: the reader states following the WAIT are out, a held signal may go now. */
    void releaseHeldSignal() {
        synchronized (lock) {
            held = false;
            if (registered && pending) {
                unregister();
                sendQuietly(ScardCode.S_SUCCESS.value());
            }
        }
    }

    /** The connection is ending. */
    void close() {
        synchronized (lock) {
            unregister();
        }
    }

    private void changed(CompletableFuture<Long> which) {
        synchronized (lock) {
            if (!registered || watch != which) {
                return;
            }
            if (held) {
                pending = true;
                return;
            }
            unregister();
            sendQuietly(ScardCode.S_SUCCESS.value());
        }
    }

    private void unregister() {
        registered = false;
        held = false;
        pending = false;
        stopWatching();
    }

    private void stopWatching() {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
    }

    private void sendQuietly(int rv) {
        try {
            channel.send(new SignalStruct(0, rv).toBytes());
        } catch (IOException e) {
            // The client is gone; its session sees the end of the stream and cleans up.
        }
    }
}
