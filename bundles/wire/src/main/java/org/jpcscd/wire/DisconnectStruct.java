package org.jpcscd.wire;

import java.nio.ByteBuffer;

/**
 * {@code {handle, disposition, rv}}: {@code disconnect_struct} (SCARD_DISCONNECT) and
 * {@code end_struct} (SCARD_END_TRANSACTION) have this same layout.
 */
public record DisconnectStruct(int handle, int disposition, int rv) implements WireStruct {
    public static final int SIZE = 12;

    public static DisconnectStruct read(ByteBuffer in) {
        return new DisconnectStruct(in.getInt(), in.getInt(), in.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(handle).putInt(disposition).putInt(rv);
    }
}
