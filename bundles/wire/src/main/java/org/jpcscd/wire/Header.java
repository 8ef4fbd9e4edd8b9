package org.jpcscd.wire;

import java.nio.ByteBuffer;

/**
 * The 8-byte request header: the size of the fixed struct that follows (transmit and control payloads
 * not counted) and the command code.
 */
public record Header(int structLength, int command) implements WireStruct {
    public static final int SIZE = Wire.HEADER_SIZE;

    public static Header of(Command command) {
        return new Header(command.hasBody() ? command.structSize() : 0, command.code());
    }

    public static Header read(ByteBuffer in) {
        return new Header(in.getInt(), in.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(structLength).putInt(command);
    }
}
