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
        // A private copy: its etc/ is where tests plug simulated readers in and out (Config Admin files).
        Path home = work.resolve("jpcscd");
        copyTree(distribution(), home);
        JpcscdDaemon daemon = new JpcscdDaemon(home, work.resolve("pcscd.comm"), work.resolve("daemon.log"), freePort());
        daemon.virtualReaders(0);
        try {
            daemon.launch();
            return daemon;
        } catch (Throwable e) {
            daemon.close();
            throw e;
        }
    }

    private void launch() throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/pcscd").toString(), "--foreground",
                "--socket", socket.toString(), "--features", "core,protocol,vpcd,virtual",
                "--set", "org.jpcscd.ifd.vpcd:port=" + port, "-D", "felix.fileinstall.poll=100"));
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

    /**
     * Plugs simulated readers in or out, live: {@code jpcscd Virtual Reader NN 00}, each with a card,
     * through etc/org.jpcscd.ifd.virtual.cfg as an administrator would.
     */
    public void virtualReaders(int count) throws IOException {
        Path file = home.resolve("etc/org.jpcscd.ifd.virtual.cfg");
        Path temporary = home.resolve("org.jpcscd.ifd.virtual.cfg.new");
        Files.writeString(temporary, "readers = " + count + "\n");
        // Atomically, so FileInstall never reads half a file.
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
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
