package org.jpcscd.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@code getset_struct} (SCARD_GET_ATTRIB, SCARD_SET_ATTRIB), 280 bytes: the value travels inside the
 * struct in a {@link Wire#MAX_BUFFER_SIZE}-byte field, {@code length} says how much of it counts.
 */
public record AttributeStruct(int handle, int attributeId, byte[] buffer, int length, int rv) implements WireStruct {
    public static final int SIZE = 280;

    public AttributeStruct {
        buffer = Arrays.copyOf(buffer, Wire.MAX_BUFFER_SIZE);
    }

    public static AttributeStruct read(ByteBuffer in) {
        return new AttributeStruct(in.getInt(), in.getInt(), Wire.readBytes(in, Wire.MAX_BUFFER_SIZE), in.getInt(), in.getInt());
    }

    /** The value: the first {@code length} bytes of the buffer (all of it if length is out of range). */
    public byte[] value() {
        int n = length < 0 || length > Wire.MAX_BUFFER_SIZE ? Wire.MAX_BUFFER_SIZE : length;
        return Arrays.copyOf(buffer, n);
    }

    @Override
    public byte[] buffer() {
        return buffer.clone();
    }

    public AttributeStruct answer(byte[] newValue, int newLength, int newRv) {
        return new AttributeStruct(handle, attributeId, newValue, newLength, newRv);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(handle).putInt(attributeId);
        Wire.writeBytes(out, buffer, Wire.MAX_BUFFER_SIZE);
        out.putInt(length).putInt(rv);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeStruct a && a.handle == handle && a.attributeId == attributeId
                && Arrays.equals(a.buffer, buffer) && a.length == length && a.rv == rv;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * handle + attributeId) + Arrays.hashCode(buffer);
    }

    @Override
    public String toString() {
        // The value may be secret (a PIN-pad attribute): never print it.
        return "AttributeStruct[handle=" + handle + ", attributeId=" + attributeId + ", length=" + length + ", rv=" + rv + "]";
    }
}
