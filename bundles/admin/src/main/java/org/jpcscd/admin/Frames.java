package org.jpcscd.admin;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's side of the admin protocol. The client sends one command line per line (UTF-8); the
 * daemon answers with frames: a type byte, a 4-byte big-endian length and that many bytes.
 * {@code 'O'} is standard output, {@code 'E'} standard error and {@code 'X'} the command's exit
 * status as decimal text, which ends the answer. Frames keep output and status apart whatever the
 * command prints.
 */
final class Frames {
    static final byte OUT = 'O';
    static final byte ERR = 'E';
    static final byte EXIT = 'X';
    /** Exit status of a command that failed. */
    static final int FAILED = 1;
    /** Exit status when the daemon refuses the connection. */
    static final int REFUSED = 77;

    private final DataOutputStream out;

    Frames(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    synchronized void write(byte type, byte[] data, int offset, int length) throws IOException {
        out.writeByte(type);
        out.writeInt(length);
        out.write(data, offset, length);
        out.flush();
    }

    void text(byte type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(type, bytes, 0, bytes.length);
    }

    void exit(int status) throws IOException {
        text(EXIT, Integer.toString(status));
    }

    /** A stream whose every write is one frame of {@code type}. */
    OutputStream stream(byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                Frames.this.write(type, new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    Frames.this.write(type, b, off, len);
                }
            }
        };
    }
}
