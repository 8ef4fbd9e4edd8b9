package org.jpcscd.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ClientInfo;
import org.jpcscd.wire.RequestReader;
import org.jpcscd.wire.RequestReader.Request;
import org.jpcscd.wire.Wire;
import org.jpcscd.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, served on its own thread as pcscd does (pcscd's {@code ContextThread}):
 * reads requests, answers them, and when the connection ends disposes of everything the client left
 * behind so that other clients carry on.
 */
final class ClientSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    private final ClientChannel channel;
    private final SessionServices services;
    private final RequestReader reader;
    private final EventRegistration events;
    private final ContextCommands contextCommands;
    private final CardCommands cardCommands;
    private final ReaderStateCommands stateCommands;

    /** Every context made on this connection: a second ESTABLISH replaces the current one but its handles live on. */
    private final List<ClientContext> contexts = new ArrayList<>();
    /** The connection's context; null before ESTABLISH and after RELEASE. */
    private volatile ClientContext current;
    /** The protocol minor the client announced (4 when it never sent CMD_VERSION, like SCardCancel's connection). */
    private int minor = Wire.PROTOCOL_MINOR_1_9;

    ClientSession(ClientChannel channel, SessionServices services) {
        this.channel = channel;
        this.services = services;
        this.reader = new RequestReader(channel.input());
        this.events = new EventRegistration(services.rm(), channel, services.signalExecutor());
        this.contextCommands = new ContextCommands(this);
        this.cardCommands = new CardCommands(this);
        this.stateCommands = new ReaderStateCommands(this);
    }

    @Override
    public void run() {
        try {
            while (channel.awaitMessageStart()) {
                Request request = reader.next();
                dispatch(request);
            }
        } catch (WireFormatException | ConnectionClosing e) {
            LOG.warn("Closing the connection of {}: {}", peer(), e.getMessage());
        } catch (SocketTimeoutException e) {
            LOG.warn("Closing the connection of {}: it stopped sending in the middle of a message", peer());
        } catch (EOFException e) {
            LOG.warn("Connection of {} ended in the middle of a message: {}", peer(), e.getMessage());
        } catch (IOException e) {
            LOG.debug("Connection of {} failed: {}", peer(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("Closing the connection of {} after an internal error", peer(), e);
        } finally {
            end();
        }
    }

    private void dispatch(Request request) throws IOException {
        switch (request.command()) {
            case VERSION -> contextCommands.version(request.body());
            case ESTABLISH_CONTEXT -> contextCommands.establish(request.body());
            case RELEASE_CONTEXT -> contextCommands.release(request.body());
            case CONNECT -> contextCommands.connect(request.body());
            case CANCEL -> contextCommands.cancel(request.body());
            case RECONNECT -> cardCommands.reconnect(request.body());
            case DISCONNECT -> cardCommands.disconnect(request.body());
            case BEGIN_TRANSACTION -> cardCommands.begin(request.body());
            case END_TRANSACTION -> cardCommands.end(request.body());
            case TRANSMIT -> cardCommands.transmit(request.body());
            case CONTROL -> cardCommands.control(request.body());
            case STATUS -> cardCommands.status(request.body());
            case GET_ATTRIB -> cardCommands.getAttribute(request.body());
            case SET_ATTRIB -> cardCommands.setAttribute(request.body());
            case GET_READERS_STATE -> stateCommands.readersState();
            case WAIT_READER_STATE_CHANGE -> stateCommands.waitForChange();
            case STOP_WAITING_READER_STATE_CHANGE -> stateCommands.stopWaiting();
            case GET_READER_EVENTS -> stateCommands.readerEvents();
            case GET_READERS_STATE_SIZE -> stateCommands.readersStateSize();
            case GET_READERS_STATE_ARRAY -> stateCommands.readersStateArray();
        }
    }

    /**
     * The handle if this connection made it. pcscd's anti-misuse rule: a connection without a context
     * is closed at once; a handle of another connection (or a guessed one) costs a delay, then the
     * connection, and never reaches the card.
     */
    CardConnection ownHandle(int handle) throws IOException {
        if (current == null) {
            throw new ConnectionClosing(String.format("card handle 0x%08X used without an established context", handle));
        }
        for (ClientContext context : contexts) {
            CardConnection connection = context.connection(handle);
            if (connection != null) {
                return connection;
            }
        }
        pauseBeforeClosing();
        throw new ConnectionClosing(String.format("card handle 0x%08X is not one of this connection's", handle));
    }

    private void pauseBeforeClosing() {
        try {
            // Deliberate, as pcscd: slows down a client guessing other clients' handles.
            Thread.sleep(services.settings().foreignHandleDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the session: pcscd's {@code MSGCleanupClient}. */
    private void end() {
        events.close();
        services.registry().remove(this);
        channel.close();
        releaseContexts();
    }

    void releaseContexts() {
        List<ClientContext> toClose;
        synchronized (contexts) {
            toClose = new ArrayList<>(contexts);
            contexts.clear();
            current = null;
        }
        for (ClientContext context : toClose) {
            try {
                context.close();
            } catch (RuntimeException e) {
                LOG.error("Releasing a context of {} failed", peer(), e);
            }
        }
    }

    void addContext(ClientContext context) {
        synchronized (contexts) {
            contexts.add(context);
            current = context;
        }
    }

    /** Closes the session from outside (server shutting down). */
    void shutdown() {
        channel.close();
    }

    boolean hasCurrentContext(int context) {
        ClientContext c = current;
        return c != null && c.id() == context;
    }

    ClientContext current() {
        return current;
    }

    ClientInfo peer() {
        return channel.peer();
    }

    SessionServices services() {
        return services;
    }

    RequestReader reader() {
        return reader;
    }

    EventRegistration events() {
        return events;
    }

    int minor() {
        return minor;
    }

    void setMinor(int minor) {
        this.minor = minor;
    }

    void send(byte[] message) throws IOException {
        channel.send(message);
    }
}
