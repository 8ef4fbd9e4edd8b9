package org.jpcscd.protocol;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jpcscd.api.rm.ResourceManager;
import org.newsclub.net.unix.AFUNIXSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening Unix socket: accepts connections and gives each its own session thread (pcscd's
 * model; connections are few), taken from a pool of reusable threads. Usable without OSGi: tests
 * start one on a temporary path.
 */
public final class SocketListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketListener.class);

    private final ServerSettings settings;
    private final SessionServices services;
    private final ExecutorService signalExecutor;
    private final ListeningEndpoint endpoint;
    private final AcceptGate gate = new AcceptGate();
    private final Thread acceptor;
    /** How long stopping waits for sessions to hand their contexts back to the core. */
    private static final Duration SESSION_END_WAIT = Duration.ofSeconds(2);

    private final SessionThreads sessionThreads = new SessionThreads();
    private volatile boolean closing;

    private SocketListener(ServerSettings settings, ResourceManager rm, ListeningEndpoint endpoint) {
        this.settings = settings;
        this.signalExecutor = Executors.newCachedThreadPool(r -> daemonThread(r, "jpcscd-event-signal"));
        ReaderEventsCounter readerEvents = new ReaderEventsCounter(rm, signalExecutor);
        this.services = new SessionServices(
                rm, settings, new SessionRegistry(), new ReaderStates(rm), readerEvents, signalExecutor);
        this.endpoint = endpoint;
        readerEvents.start();
        this.acceptor = daemonThread(this::acceptLoop, "jpcscd-accept " + settings.socketPath());
    }

    /** Binds the socket and starts accepting. */
    public static SocketListener start(ServerSettings settings, ResourceManager rm) throws IOException {
        ListeningEndpoint endpoint;
        try {
            endpoint = ListeningEndpoint.bind(settings.socketPath());
        } catch (IOException e) {
            throw new IOException("cannot serve PC/SC clients on " + settings.socketPath() + ": " + e, e);
        }
        return start(settings, rm, endpoint);
    }

    /** Starts accepting on a listening socket this process inherited (systemd socket activation). */
    static SocketListener startInherited(ServerSettings settings, ResourceManager rm, int fd) throws IOException {
        return start(settings, rm, ListeningEndpoint.inherit(settings.socketPath(), fd));
    }

    private static SocketListener start(ServerSettings settings, ResourceManager rm, ListeningEndpoint endpoint) {
        SocketListener listener = new SocketListener(settings, rm, endpoint);
        listener.acceptor.start();
        LOG.info("Serving PC/SC clients on {}{}", settings.socketPath(),
                endpoint.inherited() ? " (socket from systemd)" : "");
        return listener;
    }

    public java.nio.file.Path path() {
        return settings.socketPath();
    }

    boolean socketActivated() {
        return endpoint.inherited();
    }

    /**
     * Closes the door (see {@code PcscSocket.pause}): the socket file goes first, so nobody new can
     * connect; then the accept loop takes whatever is still queued and parks.
     */
    public void pause() throws InterruptedException {
        gate.requestPause();
        try {
            endpoint.unlink();
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", settings.socketPath(), e.toString());
        }
        gate.unlinked();
        gate.awaitParked();
    }

    /** Opens the door again after {@link #pause()}. */
    public void resume() throws IOException {
        if (gate.isPaused()) {
            endpoint.rebind();
            gate.resume();
            LOG.info("Serving PC/SC clients on {} again", settings.socketPath());
        }
    }

    /** Connections served right now. */
    public int connections() {
        return services.registry().size();
    }

    private void acceptLoop() {
        try {
            acceptUntilClosed();
        } finally {
            gate.release();
        }
    }

    private void acceptUntilClosed() {
        while (!closing) {
            AFUNIXSocket socket;
            try {
                // Read before accepting: only an empty accept that began after the unlink proves the queue empty.
                boolean unlinkedBefore = gate.unlinkDone();
                socket = endpoint.accept();
                if (socket == null) {
                    if (unlinkedBefore) {
                        gate.park(() -> closing);
                    }
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (!closing) {
                    LOG.error("Accepting on {} failed; no more clients will be served", settings.socketPath(), e);
                }
                return;
            }
            serve(socket);
        }
    }

    private void serve(AFUNIXSocket socket) {
        try {
            UnixSocketChannel channel = new UnixSocketChannel(socket, settings.partialMessageTimeout());
            if (services.registry().size() >= settings.maxConnections()) {
                // pcscd accepts and closes at once, sending nothing.
                LOG.warn("Refusing the connection of {}: {} connections already", channel.peer(),
                        settings.maxConnections());
                channel.close();
                return;
            }
            ClientSession session = new ClientSession(channel, services);
            services.registry().add(session);
            if (!sessionThreads.run(session)) {
                // Accepted while the server was stopping.
                services.registry().remove(session);
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("A connection failed before it could be served: {}", e.toString());
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        closing = true;
        gate.release();
        try {
            endpoint.close();
        } catch (IOException e) {
            LOG.warn("Closing the listening socket {}: {}", settings.socketPath(), e.toString());
        }
        for (ClientSession session : services.registry().all()) {
            session.shutdown();
        }
        if (!sessionThreads.shutdown(SESSION_END_WAIT)) {
            LOG.warn("{} client session(s) still ending after {}", sessionThreads.running(), SESSION_END_WAIT);
        }
        services.readerEvents().stop();
        signalExecutor.shutdownNow();
    }

    private static void closeQuietly(AFUNIXSocket socket) {
        try {
            socket.close();
        } catch (IOException | RuntimeException e) {
            // Already gone.
        }
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
