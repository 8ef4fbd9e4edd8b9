package org.jpcscd.wire;

import java.nio.ByteBuffer;

/**
 * The two-field struct {@code {handle, rv}} shared by {@code begin_struct} (SCARD_BEGIN_TRANSACTION),
 * {@code status_struct} (SCARD_STATUS) and {@code cancel_struct} (SCARD_CANCEL, where the handle is
 * the context to cancel).
 */
public record HandleStruct(int handle, int rv) implements WireStruct {
    public static final int SIZE = 8;

    public static HandleStruct read(ByteBuffer in) {
        return new HandleStruct(in.getInt(), in.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(handle).putInt(rv);
    }
}
