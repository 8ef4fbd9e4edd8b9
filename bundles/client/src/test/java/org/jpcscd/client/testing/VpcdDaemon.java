package org.jpcscd.client.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What every daemon under test has in common: a process serving {@link #socket()} with a vsmartcard
 * vpcd reader ("Virtual PCD 00 00") that the Java {@link VpcdEchoCard} plugs into, so the client
 * suites see the same reader name, ATR and card behaviour from pcscd and jpcscd. Subclasses only
 * say how their daemon is launched.
 */
public abstract class VpcdDaemon implements DaemonUnderTest {
    private final Path socket;
    private final Path log;
    private final VpcdEchoCard card;
    private final Duration stopGrace;
    private Process process;

    protected VpcdDaemon(Path socket, Path log, int vpcdPort, Duration stopGrace) {
        this.socket = socket;
        this.log = log;
        this.card = new VpcdEchoCard(vpcdPort);
        this.stopGrace = stopGrace;
    }

    /** Starts the daemon process; returns once it serves the socket. */
    protected abstract Process launchProcess() throws Exception;

    /** Waits until the daemon reports the echo card in, after {@link #launch()} inserted it. */
    protected abstract void awaitCardIn() throws Exception;

    /** Launches the daemon, inserts the card and returns once the daemon reports it. */
    protected final void launch() throws Exception {
        process = launchProcess();
        card.insert();
        awaitCardIn();
    }

    /** Launches {@code daemon}; when that fails, stops whatever did start before passing the failure on. */
    protected static <D extends VpcdDaemon> D launched(D daemon) throws Exception {
        try {
            daemon.launch();
            return daemon;
        } catch (Throwable e) {
            daemon.close();
            throw e;
        }
    }

    /** A TCP port whose successor is free too: the vpcd reader listens on both. */
    public static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 40000);
            try (ServerSocket a = new ServerSocket(port); ServerSocket b = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free TCP port pair for the vpcd reader");
    }

    /** Removes a daemon's scratch folder, so test runs don't pile up copies in /tmp. */
    protected static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public final Path socket() {
        return socket;
    }

    public final Path log() {
        return log;
    }

    @Override
    public final String cardReader() {
        return "Virtual PCD 00 00";
    }

    @Override
    public final byte[] atr() {
        return VpcdEchoCard.ATR.clone();
    }

    @Override
    public final void removeCard() throws IOException {
        card.remove();
    }

    @Override
    public final void insertCard() throws IOException {
        card.insert();
    }

    @Override
    public final void restart() throws Exception {
        card.remove();
        stopProcess();
        launch();
    }

    /** Stops the process: politely, then forcibly after the grace period. */
    private void stopProcess() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        card.close();
        stopProcess();
    }
}
