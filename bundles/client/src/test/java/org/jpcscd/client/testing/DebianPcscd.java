package org.jpcscd.client.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jpcscd.api.CardStateBits;
import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;

/**
 * pcsc-lite's own daemon (Debian's pcscd 1.9.9) with the vsmartcard vpcd reader driver. pcscd
 * always listens on /run/pcscd/pcscd.comm, so it runs in a private mount namespace where a temporary
 * directory is bound over /run/pcscd: from outside its socket is {@code <tmp>/run/pcscd.comm}. The
 * vpcd reader listens for its card on a free TCP port picked here, so parallel runs don't collide.
 *
 * <p>Needs root (for the mount namespace) and the Debian packages pcscd and vsmartcard-vpcd.
 */
public final class DebianPcscd extends VpcdDaemon {
    public static final Path PCSCD = Path.of("/usr/sbin/pcscd");
    public static final Path VPCD_DRIVER = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");

    private final Path work;

    private DebianPcscd(Path work, int port) {
        super(work.resolve("run/pcscd.comm"), work.resolve("pcscd.log"), port, Duration.ofSeconds(5));
        this.work = work;
    }

    /** Starts pcscd and the card, and returns once the reader reports the card powered. */
    public static DebianPcscd start() throws Exception {
        for (Path needed : List.of(PCSCD, VPCD_DRIVER, Path.of("/usr/bin/unshare"))) {
            if (!Files.exists(needed)) {
                throw new IllegalStateException(needed + " missing: apt-get install pcscd vsmartcard-vpcd util-linux");
            }
        }
        Path work = Files.createTempDirectory("jpcscd-client-pcscd");
        Files.createDirectories(work.resolve("run"));
        Path conf = Files.createDirectories(work.resolve("reader.conf.d"));
        int port = freePortPair();
        Files.writeString(conf.resolve("vpcd"), "FRIENDLYNAME \"Virtual PCD\"\n"
                + "DEVICENAME   /dev/null:0x" + Integer.toHexString(port) + "\n"
                + "LIBPATH      " + VPCD_DRIVER + "\n"
                + "CHANNELID    0x" + Integer.toHexString(port) + "\n");
        Files.createDirectories(Path.of("/run/pcscd")); // the mount point
        DebianPcscd daemon = new DebianPcscd(work, port);
        return launched(daemon);
    }

    @Override
    protected Process launchProcess() throws Exception {
        Path socket = socket();
        Path conf = work.resolve("reader.conf.d");
        Process p = new ProcessBuilder("/usr/bin/unshare", "-m", "sh", "-c",
                "mount --bind \"$0\" /run/pcscd && exec \"$@\"", socket.getParent().toString(),
                PCSCD.toString(), "--foreground", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        Waits.until(Duration.ofSeconds(10), "pcscd's socket " + socket, () -> Files.exists(socket) || !p.isAlive());
        if (!p.isAlive()) {
            throw new IllegalStateException("pcscd exited: " + Files.readString(log()));
        }
        return p;
    }

    @Override
    protected void awaitCardIn() throws Exception {
        awaitCard(true);
    }

    /** Waits until the daemon reports the card in (powered) or out. */
    public void awaitCard(boolean present) throws Exception {
        try (Context ctx = PcscClient.forSocket(socket()).establishContext()) {
            Waits.until(Duration.ofSeconds(10), "card " + (present ? "in" : "out") + " per pcscd", () -> ctx.readerStates().stream()
                    .anyMatch(e -> e.name().equals(cardReader())
                            && (present ? (e.readerState() & CardStateBits.POWERED) != 0 && e.atrLength() > 0
                                    : (e.readerState() & CardStateBits.ABSENT) != 0)));
        }
    }

    @Override
    public String name() {
        return "pcscd " + PCSCD;
    }

    @Override
    public void close() throws IOException {
        super.close();
        deleteTree(work);
    }
}
