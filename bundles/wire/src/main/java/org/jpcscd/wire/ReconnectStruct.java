package org.jpcscd.wire;

import java.nio.ByteBuffer;

/** {@code reconnect_struct} (SCARD_RECONNECT), 24 bytes. */
public record ReconnectStruct(
        int handle, int shareMode, int preferredProtocols, int initialization, int activeProtocol, int rv)
        implements WireStruct {
    public static final int SIZE = 24;

    public static ReconnectStruct read(ByteBuffer in) {
        return new ReconnectStruct(in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt());
    }

    public ReconnectStruct answer(int newActiveProtocol, int newRv) {
        return new ReconnectStruct(handle, shareMode, preferredProtocols, initialization, newActiveProtocol, newRv);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(handle).putInt(shareMode).putInt(preferredProtocols).putInt(initialization)
                .putInt(activeProtocol).putInt(rv);
    }
}
