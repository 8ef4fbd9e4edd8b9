package org.jpcscd.wire;

import java.nio.ByteBuffer;

/** {@code establish_struct} (SCARD_ESTABLISH_CONTEXT). */
public record EstablishStruct(int scope, int context, int rv) implements WireStruct {
    public static final int SIZE = 12;

    public static EstablishStruct read(ByteBuffer in) {
        return new EstablishStruct(in.getInt(), in.getInt(), in.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(scope).putInt(context).putInt(rv);
    }
}
