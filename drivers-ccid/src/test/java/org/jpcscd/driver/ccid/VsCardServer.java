package org.jpcscd.driver.ccid;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The card behind QEMU's {@code ccid-card-passthru}, scripted from the host for the QEMU test
 * phase. Speaks libcacard's VSCard protocol (12-byte big-endian header: type, reader id, length).
 *
 * <p>Card: SELECT → 9000; ECHO {@code 80 EE} → its data + 9000; GET DATA {@code CA} → a name;
 * REMOVE ME {@code 80 E0} → 9000, then the card leaves; it comes back when the guest creates the
 * file {@code insert-now} in the shared folder.
 *
 * <p>It also plays the user pulling the reader out: when the guest creates {@code unplug-now}, it
 * tells QEMU's monitor to {@code device_del} the reader.
 *
 * <p>Usage: {@code VsCardServer <socket path> <shared folder> [<QEMU monitor socket>]}.
 */
public final class VsCardServer {
    /** T=0, two historical bytes: an ATR QEMU 7.2's passthru check accepts. */
    static final byte[] ATR = HexFormat.of().parseHex("3B025350");
    static final byte[] NAME = "jpcscd-card".getBytes(StandardCharsets.US_ASCII);
    private static final int INIT = 1;
    private static final int READER_ADD = 3;
    private static final int ATR_MSG = 5;
    private static final int CARD_REMOVE = 6;
    private static final int APDU = 7;

    private final SocketChannel out;

    private VsCardServer(SocketChannel out) {
        this.out = out;
    }

    /** Reads straight from the channel, which has its own read lock. */
    private static final class ChannelReader extends InputStream {
        private final SocketChannel channel;

        ChannelReader(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return channel.read(ByteBuffer.wrap(b, off, len));
        }
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        Path shared = Path.of(args[1]);
        Files.deleteIfExists(socket);
        if (args.length > 2) {
            unplugWhenAsked(Path.of(args[2]), shared);
        }
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (SocketChannel qemu = server.accept()) {
                // Not Channels.newInputStream/newOutputStream: on a blocking channel both take the
                // same lock, so a pending read would block the card-removal write.
                VsCardServer card = new VsCardServer(qemu);
                card.serve(new DataInputStream(new ChannelReader(qemu)), shared);
            }
        }
    }

    private void serve(DataInputStream in, Path shared) throws IOException {
        byte[] init = ByteBuffer.allocate(12).put("VSCD".getBytes(StandardCharsets.US_ASCII)).putInt(2).putInt(0)
                .array();
        send(INIT, 0xFFFFFFFF, init);
        send(READER_ADD, 0, "jpcscd reader".getBytes(StandardCharsets.US_ASCII));
        send(ATR_MSG, 0, ATR);
        try {
            while (true) {
                int type = in.readInt();
                in.readInt();
                byte[] payload = in.readNBytes(in.readInt());
                if (type == APDU) {
                    send(APDU, 0, answer(payload));
                    if (payload.length >= 2 && (payload[0] & 0xFF) == 0x80 && (payload[1] & 0xFF) == 0xE0) {
                        cycle(shared);
                    }
                }
            }
        } catch (EOFException qemuGone) {
            // QEMU powered off
        }
    }

    /** The card leaves shortly after answering, and comes back when the guest asks for it. */
    private void cycle(Path shared) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(500); // the scripted user takes the card out a moment after the APDU
                send(CARD_REMOVE, 0, new byte[0]);
                Path trigger = shared.resolve("insert-now");
                while (!Files.exists(trigger)) {
                    Thread.sleep(100); // the guest asks by creating a file in the 9p share
                }
                send(ATR_MSG, 0, ATR);
            } catch (IOException | InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "card-cycle");
        thread.setDaemon(true);
        thread.start();
    }

    private static void unplugWhenAsked(Path monitor, Path shared) {
        Thread thread = new Thread(() -> {
            try {
                Path trigger = shared.resolve("unplug-now");
                while (!Files.exists(trigger)) {
                    Thread.sleep(100); // the guest asks by creating a file in the 9p share
                }
                try (SocketChannel qemu = SocketChannel.open(UnixDomainSocketAddress.of(monitor))) {
                    qemu.write(ByteBuffer.wrap("device_del ccid\n".getBytes(StandardCharsets.US_ASCII)));
                    Thread.sleep(1000); // give the monitor time to read the command before we hang up
                    qemu.configureBlocking(false);
                    ByteBuffer said = ByteBuffer.allocate(8192);
                    qemu.read(said);
                    System.err.println("VsCardServer: QEMU monitor said: "
                            + new String(said.array(), 0, said.position(), StandardCharsets.US_ASCII));
                }
            } catch (IOException | InterruptedException e) {
                System.err.println("VsCardServer: cannot unplug the reader: " + e);
            }
        }, "reader-unplug");
        thread.setDaemon(true);
        thread.start();
    }

    static byte[] answer(byte[] apdu) {
        if (apdu.length < 4) {
            return new byte[] {0x67, 0x00};
        }
        int cla = apdu[0] & 0xFF;
        int ins = apdu[1] & 0xFF;
        if (ins == 0xA4) {
            return new byte[] {(byte) 0x90, 0x00};
        }
        if (cla == 0x80 && ins == 0xEE && apdu.length > 5) {
            return Cards.okWith(Arrays.copyOfRange(apdu, 5, Math.min(apdu.length, 5 + (apdu[4] & 0xFF))));
        }
        if (ins == 0xCA) {
            return Cards.okWith(NAME);
        }
        if (cla == 0x80 && ins == 0xE0) {
            return new byte[] {(byte) 0x90, 0x00};
        }
        return new byte[] {0x6D, 0x00};
    }

    private synchronized void send(int type, int readerId, byte[] payload) throws IOException {
        ByteBuffer message = ByteBuffer.allocate(12 + payload.length);
        message.putInt(type).putInt(readerId).putInt(payload.length).put(payload).flip();
        while (message.hasRemaining()) {
            out.write(message);
        }
    }
}
