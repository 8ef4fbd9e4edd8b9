package org.jpcscd.protocol;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jpcscd.core.ResourceManagerImpl;

/**
 * Sessions over in-memory bytes, served by the real core's resource manager (no readers): fast enough
 * to run thousands of times per second in the fuzz test.
 */
final class SessionHarness implements AutoCloseable {
    final ResourceManagerImpl rm = new ResourceManagerImpl();
    final ExecutorService signals = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-signal");
        t.setDaemon(true);
        return t;
    });
    final SessionServices services;

    SessionHarness() {
        ServerSettings settings = ServerSettings.defaults(Path.of("/nonexistent/pcscd.comm"))
                .withForeignHandleDelay(Duration.ZERO);
        ReaderEventsCounter readerEvents = new ReaderEventsCounter(rm, signals);
        readerEvents.start();
        services = new SessionServices(rm, settings, new SessionRegistry(), new ReaderStates(rm), readerEvents, signals);
    }

    /** Serves {@code requests} on one connection to the end and returns the channel with the replies. */
    MemoryChannel serve(byte[] requests) {
        MemoryChannel channel = new MemoryChannel(new ByteArrayInputStream(requests));
        ClientSession session = new ClientSession(channel, services);
        services.registry().add(session);
        session.run();
        return channel;
    }

    @Override
    public void close() {
        services.readerEvents().stop();
        signals.shutdownNow();
    }
}
