package org.jpcscd.client.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;
import org.jpcscd.api.CardStateBits;

/**
 * pcsc-lite's own daemon (Debian's pcscd 1.9.9) with the vsmartcard vpcd reader driver. pcscd
 * always listens on /run/pcscd/pcscd.comm, so it runs in a private mount namespace where a temporary
 * directory is bound over /run/pcscd: from outside its socket is {@code <tmp>/run/pcscd.comm}. The
 * vpcd reader listens for its card on a free TCP port picked here, so parallel runs don't collide.
 *
 * <p>Needs root (for the mount namespace) and the Debian packages pcscd and vsmartcard-vpcd.
 */
public final class DebianPcscd implements DaemonUnderTest {
    public static final Path PCSCD = Path.of("/usr/sbin/pcscd");
    public static final Path VPCD_DRIVER = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");

    private final Path work;
    private final Path socket;
    private final Path log;
    private final VpcdEchoCard card;
    private Process process;

    private DebianPcscd(Path work, Path socket, Path log, VpcdEchoCard card) {
        this.work = work;
        this.socket = socket;
        this.log = log;
        this.card = card;
    }

    /** Starts pcscd and the card, and returns once the reader reports the card powered. */
    public static DebianPcscd start() throws Exception {
        for (Path needed : List.of(PCSCD, VPCD_DRIVER, Path.of("/usr/bin/unshare"))) {
            if (!Files.exists(needed)) {
                throw new IllegalStateException(needed + " missing: apt-get install pcscd vsmartcard-vpcd util-linux");
            }
        }
        Path work = Files.createTempDirectory("jpcscd-client-pcscd");
        Path run = Files.createDirectories(work.resolve("run"));
        Path conf = Files.createDirectories(work.resolve("reader.conf.d"));
        int port = freePortPair();
        Files.writeString(conf.resolve("vpcd"), "FRIENDLYNAME \"Virtual PCD\"\n"
                + "DEVICENAME   /dev/null:0x" + Integer.toHexString(port) + "\n"
                + "LIBPATH      " + VPCD_DRIVER + "\n"
                + "CHANNELID    0x" + Integer.toHexString(port) + "\n");
        Files.createDirectories(Path.of("/run/pcscd")); // the mount point
        Path log = work.resolve("pcscd.log");
        DebianPcscd daemon = new DebianPcscd(work, run.resolve("pcscd.comm"), log, new VpcdEchoCard(port));
        try {
            daemon.launch();
            return daemon;
        } catch (Throwable e) {
            daemon.close();
            throw e;
        }
    }

    private void launch() throws Exception {
        Path run = socket.getParent();
        Path conf = work.resolve("reader.conf.d");
        Process p = new ProcessBuilder("/usr/bin/unshare", "-m", "sh", "-c",
                "mount --bind \"$0\" /run/pcscd && exec \"$@\"", run.toString(),
                PCSCD.toString(), "--foreground", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process = p;
        Waits.until(Duration.ofSeconds(10), "pcscd's socket " + socket, () -> Files.exists(socket) || !p.isAlive());
        if (!p.isAlive()) {
            throw new IllegalStateException("pcscd exited: " + Files.readString(log));
        }
        card.insert();
        awaitCard(true);
    }

    @Override
    public void restart() throws Exception {
        card.remove();
        stopProcess();
        launch();
    }

    /** Waits until the daemon reports the card in (powered) or out. */
    public void awaitCard(boolean present) throws Exception {
        try (Context ctx = PcscClient.forSocket(socket).establishContext()) {
            Waits.until(Duration.ofSeconds(10), "card " + (present ? "in" : "out") + " per pcscd", () -> ctx.readerStates().stream()
                    .anyMatch(e -> e.name().equals(cardReader())
                            && (present ? (e.readerState() & CardStateBits.POWERED) != 0 && e.atrLength() > 0
                                    : (e.readerState() & CardStateBits.ABSENT) != 0)));
        }
    }

    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 30000);
            try (ServerSocket a = new ServerSocket(port); ServerSocket b = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free TCP port pair for the vpcd reader");
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
    public String name() {
        return "pcscd " + PCSCD;
    }

    public Path log() {
        return log;
    }

    private void stopProcess() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
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
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
