package org.jpcscd.ifd.vpcd;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A virtual card under the test's control, for the ways a card process can misbehave. */
final class FakeCard implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    FakeCard(InetSocketAddress slotAddress) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(slotAddress, 5_000);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** The next frame the reader sent. */
    byte[] readFrame() throws IOException {
        int length = in.readUnsignedShort();
        return in.readNBytes(length);
    }

    void sendFrame(byte[] payload) throws IOException {
        byte[] frame = new byte[payload.length + 2];
        frame[0] = (byte) (payload.length >> 8);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        sendRaw(frame);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Answers frames like a well-behaved card until the reader sends an APDU, which is returned. */
    byte[] serveUntilApdu(byte[] atr) throws IOException {
        while (true) {
            byte[] frame = readFrame();
            if (frame.length > 1) {
                return frame;
            }
            if (frame[0] == VpcdFrames.ATR_REQUEST) {
                sendFrame(atr);
            }
        }
    }

    /** True when the reader closed the connection within {@code timeout}. */
    boolean closedByReader(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the reader counts as closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
