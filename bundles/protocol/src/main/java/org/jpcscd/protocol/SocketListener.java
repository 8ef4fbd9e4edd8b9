package org.jpcscd.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpcscd.api.rm.ResourceManager;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening Unix socket: accepts connections and gives each its own session thread (pcscd's
 * model; connections are few). Usable without OSGi: tests start one on a temporary path.
 */
public final class SocketListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketListener.class);

    private final ServerSettings settings;
    private final SessionServices services;
    private final ExecutorService signalExecutor;
    private final AFUNIXServerSocket server;
    private final Thread acceptor;
    /** How long stopping waits for sessions to hand their contexts back to the core. */
    private static final Duration SESSION_END_WAIT = Duration.ofSeconds(2);

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final Set<Thread> sessionThreads = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    private SocketListener(ServerSettings settings, ResourceManager rm) throws IOException {
        this.settings = settings;
        this.server = bind(settings);
        this.signalExecutor = Executors.newCachedThreadPool(r -> daemonThread(r, "jpcscd-event-signal"));
        ReaderEventsCounter readerEvents = new ReaderEventsCounter(rm, signalExecutor);
        this.services = new SessionServices(
                rm, settings, new SessionRegistry(), new ReaderStates(rm), readerEvents, signalExecutor);
        readerEvents.start();
        this.acceptor = daemonThread(this::acceptLoop, "jpcscd-accept " + settings.socketPath());
    }

    private static AFUNIXServerSocket bind(ServerSettings settings) throws IOException {
        SocketFiles.prepareFolder(settings.socketPath());
        SocketFiles.removeStale(settings.socketPath());
        AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
        try {
            // pcscd listens with a backlog of 1; a longer queue costs nothing and spares racing clients a refusal.
            server.bind(AFUNIXSocketAddress.of(settings.socketPath()), 50);
            SocketFiles.openToAll(settings.socketPath());
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Binds the socket and starts accepting. */
    public static SocketListener start(ServerSettings settings, ResourceManager rm) throws IOException {
        SocketListener listener;
        try {
            listener = new SocketListener(settings, rm);
        } catch (IOException e) {
            throw new IOException("cannot serve PC/SC clients on " + settings.socketPath() + ": " + e, e);
        }
        listener.acceptor.start();
        LOG.info("Serving PC/SC clients on {}", settings.socketPath());
        return listener;
    }

    private void acceptLoop() {
        while (!closing) {
            AFUNIXSocket socket;
            try {
                socket = server.accept();
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
            Thread thread = daemonThread(() -> {
                try {
                    session.run();
                } finally {
                    sessionThreads.remove(Thread.currentThread());
                }
            }, "jpcscd-client-" + threadNumber.incrementAndGet());
            sessionThreads.add(thread);
            thread.start();
        } catch (IOException e) {
            LOG.debug("A connection failed before it could be served: {}", e.toString());
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the listening socket: {}", e.toString());
        }
        try {
            Files.deleteIfExists(settings.socketPath());
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", settings.socketPath(), e.toString());
        }
        for (ClientSession session : services.registry().all()) {
            session.shutdown();
        }
        awaitSessionsEnded();
        services.readerEvents().stop();
        signalExecutor.shutdownNow();
    }

    /** Sessions release their contexts while the core is still there to take them back. */
    private void awaitSessionsEnded() {
        long end = System.nanoTime() + SESSION_END_WAIT.toNanos();
        for (Thread thread : sessionThreads) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                LOG.warn("{} client session(s) still ending after {}", sessionThreads.size(), SESSION_END_WAIT);
                return;
            }
            try {
                thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
