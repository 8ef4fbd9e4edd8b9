package org.jpcscd.wire;

import java.nio.ByteBuffer;

/**
 * {@code transmit_struct} (SCARD_TRANSMIT), 32 bytes. The request is followed by {@code sendLength}
 * APDU bytes, a successful reply by {@code recvLength} response bytes; neither counts in the header.
 */
public record TransmitStruct(
        int handle,
        int sendPciProtocol,
        int sendPciLength,
        int sendLength,
        int recvPciProtocol,
        int recvPciLength,
        int recvLength,
        int rv)
        implements WireStruct {
    public static final int SIZE = 32;

    public static TransmitStruct read(ByteBuffer in) {
        return new TransmitStruct(
                in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt());
    }

    public TransmitStruct answer(int newRecvPciProtocol, int newRecvLength, int newRv) {
        return new TransmitStruct(
                handle, sendPciProtocol, sendPciLength, sendLength, newRecvPciProtocol, recvPciLength, newRecvLength,
                newRv);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(handle).putInt(sendPciProtocol).putInt(sendPciLength).putInt(sendLength)
                .putInt(recvPciProtocol).putInt(recvPciLength).putInt(recvLength).putInt(rv);
    }
}
