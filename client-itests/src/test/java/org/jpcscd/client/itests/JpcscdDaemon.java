package org.jpcscd.client.itests;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jpcscd.api.CardStateBits;
import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;
import org.jpcscd.client.testing.DaemonUnderTest;
import org.jpcscd.client.testing.VpcdEchoCard;
import org.jpcscd.client.testing.Waits;

/**
 * The packaged jpcscd ({@code bin/pcscd --foreground}) on a private socket with its vpcd reader
 * driver, and the same Java echo card the pcscd runs use: so the client suites see the same reader
 * names, ATR and card behaviour from both daemons.
 */
public final class JpcscdDaemon implements DaemonUnderTest {
    private final Path home;
    private final Path socket;
    private final Path log;
    private final int port;
    private final VpcdEchoCard card;
    private Process process;

    private JpcscdDaemon(Path home, Path socket, Path log, int port) {
        this.home = home;
        this.socket = socket;
        this.log = log;
        this.port = port;
        this.card = new VpcdEchoCard(port);
    }

    /** The unpacked distribution under test. */
    public static Path distribution() {
        return Path.of(System.getProperty("jpcscd.home", "target/dist/jpcscd")).toAbsolutePath();
    }

    public static JpcscdDaemon start() throws Exception {
        Path work = Files.createTempDirectory("jpcscd-client-it");
        JpcscdDaemon daemon = new JpcscdDaemon(distribution(), work.resolve("pcscd.comm"), work.resolve("daemon.log"), freePort());
        try {
            daemon.launch();
            return daemon;
        } catch (Exception | AssertionError e) {
            daemon.close();
            throw e;
        }
    }

    private void launch() throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/pcscd").toString(), "--foreground",
                "--socket", socket.toString(), "--features", "core,protocol,vpcd",
                "--set", "org.jpcscd.ifd.vpcd:port=" + port));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("XDG_RUNTIME_DIR", log.getParent().toString());
        pb.environment().remove("PCSCLITE_CSOCK_NAME");
        Process p = pb.start();
        process = p;
        Waits.until(Duration.ofSeconds(60), "jpcscd serving " + socket, () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("jpcscd exited: " + Files.readString(log));
            }
            try (Context ctx = PcscClient.forSocket(socket).establishContext()) {
                return ctx.listReaders().contains(cardReader());
            } catch (org.jpcscd.api.ScardException notYet) {
                return false;
            }
        });
        card.insert();
        awaitCard();
    }

    private void awaitCard() throws Exception {
        try (Context ctx = PcscClient.forSocket(socket).establishContext()) {
            Waits.until(Duration.ofSeconds(10), "card in per jpcscd", () -> ctx.readerStates().stream()
                    .anyMatch(e -> e.name().equals(cardReader()) && (e.readerState() & CardStateBits.PRESENT) != 0
                            && e.atrLength() > 0));
        }
    }

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 30000 + (int) (Math.random() * 10000);
            try (ServerSocket a = new ServerSocket(port); ServerSocket b = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException busy) {
                // another
            }
        }
        throw new IOException("no free TCP port pair");
    }

    @Override
    public Path socket() {
        return socket;
    }

    @Override
    public String cardReader() {
        return "Virtual PCD 00 00";
    }

    @Override
    public byte[] atr() {
        return VpcdEchoCard.ATR.clone();
    }

    @Override
    public void removeCard() throws IOException {
        card.remove();
    }

    @Override
    public void insertCard() throws IOException {
        card.insert();
    }

    @Override
    public void restart() throws Exception {
        card.remove();
        stopProcess();
        launch();
    }

    @Override
    public String name() {
        return "jpcscd " + home;
    }

    public Path log() {
        return log;
    }

    private void stopProcess() throws IOException {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
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
