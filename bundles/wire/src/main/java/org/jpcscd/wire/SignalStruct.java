package org.jpcscd.wire;

import java.nio.ByteBuffer;

/**
 * The 8-byte {@code {value, rv}} message: {@code wait_reader_state_change} (the STOP reply and the
 * asynchronous event or cancel signal, {@code value} = timeOut, always 0) and, for protocol 4.5+,
 * {@code get_reader_events} (reply to GET_READER_EVENTS, {@code value} = the daemon's reader-events
 * counter).
 */
public record SignalStruct(int value, int rv) implements WireStruct {
    public static final int SIZE = 8;

    public static SignalStruct read(ByteBuffer in) {
        return new SignalStruct(in.getInt(), in.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putInt(value).putInt(rv);
    }
}
