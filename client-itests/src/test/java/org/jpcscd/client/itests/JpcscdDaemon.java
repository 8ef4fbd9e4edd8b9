package org.jpcscd.client.itests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jpcscd.api.CardStateBits;
import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;
import org.jpcscd.client.testing.VpcdDaemon;
import org.jpcscd.client.testing.Waits;

/**
 * The packaged jpcscd ({@code bin/pcscd --foreground}) on a private socket with its vpcd reader
 * driver, and the same Java echo card the pcscd runs use: so the client suites see the same reader
 * names, ATR and card behaviour from both daemons.
 */
public final class JpcscdDaemon extends VpcdDaemon {
    private final Path home;
    private final int port;

    private JpcscdDaemon(Path home, Path socket, Path log, int port) {
        // A Felix shutdown takes longer than pcscd's.
        super(socket, log, port, Duration.ofSeconds(15));
        this.home = home;
        this.port = port;
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
        JpcscdDaemon daemon = new JpcscdDaemon(home, work.resolve("pcscd.comm"), work.resolve("daemon.log"), freePortPair());
        daemon.virtualReaders(0);
        return launched(daemon);
    }

    @Override
    protected Process launchProcess() throws Exception {
        Path socket = socket();
        Path log = log();
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/pcscd").toString(), "--foreground",
                "--socket", socket.toString(), "--features", "core,protocol,vpcd,virtual",
                "--set", "org.jpcscd.ifd.vpcd:port=" + port, "-D", "felix.fileinstall.poll=100"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("XDG_RUNTIME_DIR", log.getParent().toString());
        pb.environment().remove("PCSCLITE_CSOCK_NAME");
        Process p = pb.start();
        try {
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
        } catch (Throwable e) {
            p.destroyForcibly();
            throw e;
        }
        return p;
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

    @Override
    protected void awaitCardIn() throws Exception {
        try (Context ctx = PcscClient.forSocket(socket()).establishContext()) {
            Waits.until(Duration.ofSeconds(10), "card in per jpcscd", () -> ctx.readerStates().stream()
                    .anyMatch(e -> e.name().equals(cardReader()) && (e.readerState() & CardStateBits.PRESENT) != 0
                            && e.atrLength() > 0));
        }
    }

    @Override
    public String name() {
        return "jpcscd " + home;
    }

    @Override
    public void close() throws IOException {
        super.close();
        // The scratch folder holds a whole copy of the distribution.
        deleteTree(home.getParent());
    }
}
