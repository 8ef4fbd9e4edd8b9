package org.jpcscd.wire;

import java.nio.ByteBuffer;

/** A fixed-size struct of the protocol: written raw, in {@link Wire#ORDER}. */
public interface WireStruct {
    /** The struct's size in bytes. */
    int size();

    /** Writes exactly {@link #size()} bytes at the buffer's position. */
    void write(ByteBuffer out);

    /** The struct alone, ready to send. */
    default byte[] toBytes() {
        ByteBuffer out = Wire.allocate(size());
        write(out);
        return out.array();
    }
}
