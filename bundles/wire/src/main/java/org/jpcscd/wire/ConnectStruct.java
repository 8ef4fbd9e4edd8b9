package org.jpcscd.wire;

import java.nio.ByteBuffer;

/** {@code connect_struct} (SCARD_CONNECT), 152 bytes. */
public record ConnectStruct(
        int context, String readerName, int shareMode, int preferredProtocols, int handle, int activeProtocol, int rv)
        implements WireStruct {
    public static final int SIZE = 152;

    public static ConnectStruct read(ByteBuffer in) {
        return new ConnectStruct(
                in.getInt(), Wire.readString(in, Wire.MAX_READER_NAME), in.getInt(), in.getInt(), in.getInt(),
                in.getInt(), in.getInt());
    }

    /** The reply: the request echoed with the daemon's outputs. */
    public ConnectStruct answer(int newHandle, int newActiveProtocol, int newRv) {
        return new ConnectStruct(context, readerName, shareMode, preferredProtocols, newHandle, newActiveProtocol, newRv);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(context);
        Wire.writeString(out, readerName, Wire.MAX_READER_NAME);
        out.putInt(shareMode).putInt(preferredProtocols).putInt(handle).putInt(activeProtocol).putInt(rv);
    }
}
