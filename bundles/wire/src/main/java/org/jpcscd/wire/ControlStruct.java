package org.jpcscd.wire;

import java.nio.ByteBuffer;

/**
 * {@code control_struct} (SCARD_CONTROL), 24 bytes. The request is followed by {@code sendLength}
 * bytes, a successful reply by {@code bytesReturned} bytes.
 */
public record ControlStruct(
        int handle, int controlCode, int sendLength, int recvLength, int bytesReturned, int rv)
        implements WireStruct {
    public static final int SIZE = 24;

    public static ControlStruct read(ByteBuffer in) {
        return new ControlStruct(in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt());
    }

    public ControlStruct answer(int newBytesReturned, int newRv) {
        return new ControlStruct(handle, controlCode, sendLength, recvLength, newBytesReturned, newRv);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(handle).putInt(controlCode).putInt(sendLength).putInt(recvLength).putInt(bytesReturned).putInt(rv);
    }
}
