package org.jpcscd.launcher;

import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The client end of the daemon's admin socket (the JDK's own AF_UNIX channel, no native code). Sends
 * a command line, copies the answer's output and error frames to this process's streams and returns
 * the exit status frame. The frame layout is the admin bundle's {@code Frames}.
 */
final class AdminClient implements AutoCloseable {
    /** The connection ended before the daemon sent a status (it stopped, or refused us). */
    static final int NO_STATUS = 3;

    private final SocketChannel channel;
    private final DataInputStream in;
    private final BufferedWriter out;

    private AdminClient(SocketChannel channel) {
        this.channel = channel;
        this.in = new DataInputStream(Channels.newInputStream(channel));
        this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
    }

    static AdminClient connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new AdminClient(channel);
    }

    /** Runs one command line in the daemon's shell session; returns its exit status. */
    int run(String line, PrintStream stdout, PrintStream stderr) throws IOException {
        out.write(line.replace('\n', ' '));
        out.write('\n');
        out.flush();
        return readAnswer(stdout, stderr);
    }

    /** Copies frames until the status frame; a refusal arrives this way without any command sent. */
    int readAnswer(PrintStream stdout, PrintStream stderr) throws IOException {
        while (true) {
            int type;
            byte[] data;
            try {
                type = in.readUnsignedByte();
                data = new byte[in.readInt()];
                in.readFully(data);
            } catch (EOFException e) {
                return NO_STATUS;
            }
            switch (type) {
                case 'O' -> stdout.write(data, 0, data.length);
                case 'E' -> stderr.write(data, 0, data.length);
                case 'X' -> {
                    stdout.flush();
                    stderr.flush();
                    return Integer.parseInt(new String(data, StandardCharsets.US_ASCII).trim());
                }
                default -> throw new IOException("unexpected frame type " + type + " from the daemon");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
