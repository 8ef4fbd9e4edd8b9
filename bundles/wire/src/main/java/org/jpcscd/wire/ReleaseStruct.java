package org.jpcscd.wire;

import java.nio.ByteBuffer;

/** {@code release_struct} (SCARD_RELEASE_CONTEXT). */
public record ReleaseStruct(int context, int rv) implements WireStruct {
    public static final int SIZE = 8;

    public static ReleaseStruct read(ByteBuffer in) {
        return new ReleaseStruct(in.getInt(), in.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(context).putInt(rv);
    }
}
