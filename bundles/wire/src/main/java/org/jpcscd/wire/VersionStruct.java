package org.jpcscd.wire;

import java.nio.ByteBuffer;

/** {@code version_struct} (CMD_VERSION): the client's protocol version in, the daemon's out. */
public record VersionStruct(int major, int minor, int rv) implements WireStruct {
    public static final int SIZE = 12;

    public static VersionStruct read(ByteBuffer in) {
        return new VersionStruct(in.getInt(), in.getInt(), in.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(major).putInt(minor).putInt(rv);
    }
}
