package org.jpcscd.client.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A virtual card for a vsmartcard "vpcd" reader: it connects to the reader's TCP port (connected =
 * card inserted, closed = removed) and answers every case-4 APDU with its data and 90 00, anything
 * else with 90 00 (like shared/bench/echo-card.c). Frames are a 2-byte big-endian length and the
 * payload; a 1-byte payload is a control message (0 off, 1 on, 2 reset, 4 ATR request).
 */
public final class VpcdEchoCard implements AutoCloseable {
    public static final byte[] ATR = HexFormat.of().parseHex("3B80800101");

    private final int port;
    private volatile Socket socket;
    private volatile Thread server;

    public VpcdEchoCard(int port) {
        this.port = port;
    }

    /** Connects to the reader, retrying until it listens (within 10 s), and serves in the background. */
    public synchronized void insert() throws IOException {
        if (socket != null) {
            return;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        Socket s;
        while (true) {
            s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                break;
            } catch (IOException e) {
                s.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("vpcd reader on port " + port + " does not listen", e);
                }
                Waits.pause(20);
            }
        }
        s.setTcpNoDelay(true);
        socket = s;
        Socket served = s;
        server = new Thread(() -> serve(served), "vpcd-card-" + port);
        server.setDaemon(true);
        server.start();
    }

    /** Closes the connection: the reader sees the card go. */
    public synchronized void remove() throws IOException {
        Socket s = socket;
        socket = null;
        if (s != null) {
            s.close();
        }
    }

    public boolean inserted() {
        return socket != null;
    }

    private void serve(Socket s) {
        try {
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (true) {
                int length = in.readUnsignedShort();
                byte[] message = in.readNBytes(length);
                if (message.length < length) {
                    return;
                }
                if (length == 1) {
                    if (message[0] == 4) {
                        send(out, ATR);
                    }
                    continue;
                }
                if (length > 1) {
                    send(out, answer(message));
                }
            }
        } catch (IOException e) {
            // connection closed: the card is out
        }
    }

    private static void send(DataOutputStream out, byte[] payload) throws IOException {
        byte[] frame = new byte[payload.length + 2];
        frame[0] = (byte) (payload.length >> 8);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        out.write(frame);
        out.flush();
    }

    /** Case 4 (short or extended): echo the data; anything else: just 90 00. */
    static byte[] answer(byte[] apdu) {
        byte[] data = new byte[0];
        int n = apdu.length;
        if (n >= 6 && apdu[4] != 0) {
            int lc = apdu[4] & 0xFF;
            if (n == 5 + lc + 1) {
                data = Arrays.copyOfRange(apdu, 5, 5 + lc);
            }
        } else if (n >= 7 && apdu[4] == 0) {
            int lc = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
            if (lc != 0 && n == 7 + lc + 2) {
                data = Arrays.copyOfRange(apdu, 7, 7 + lc);
            }
        }
        byte[] response = Arrays.copyOf(data, data.length + 2);
        response[data.length] = (byte) 0x90;
        response[data.length + 1] = 0x00;
        return response;
    }

    @Override
    public void close() throws IOException {
        remove();
    }
}
