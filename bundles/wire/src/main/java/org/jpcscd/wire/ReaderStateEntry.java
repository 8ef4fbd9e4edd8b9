package org.jpcscd.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One entry of the reader-state array ({@code struct pubReaderStatesList}), 184 bytes. The daemon
 * sends {@link Wire#MAX_READERS_CONTEXTS} of them for GET_READERS_STATE and WAIT; an unused entry has
 * an empty name and {@code atrLength} {@link #NOT_INITIALISED}.
 */
public record ReaderStateEntry(
        String name, int eventCounter, int readerState, int sharing, byte[] atr, int atrLength, int cardProtocol)
        implements WireStruct {
    public static final int SIZE = 184;
    public static final int MAX_ATR = 33;
    /** {@code READER_NOT_INITIALIZED}: the ATR length of an unused entry or a reader still starting. */
    public static final int NOT_INITIALISED = MAX_ATR + 1;
    /** The whole array as protocol 4.4/4.5 sends it. */
    public static final int ARRAY_SIZE = SIZE * Wire.MAX_READERS_CONTEXTS;

    public ReaderStateEntry {
        atr = Arrays.copyOf(atr, MAX_ATR);
    }

    public static ReaderStateEntry unused() {
        return new ReaderStateEntry("", 0, 0, 0, new byte[0], NOT_INITIALISED, 0);
    }

    public static ReaderStateEntry read(ByteBuffer in) {
        String name = Wire.readString(in, Wire.MAX_READER_NAME);
        int counter = in.getInt();
        int state = in.getInt();
        int sharing = in.getInt();
        byte[] atr = Wire.readBytes(in, MAX_ATR);
        in.position(in.position() + 3); // C struct padding after the 33-byte ATR
        return new ReaderStateEntry(name, counter, state, sharing, atr, in.getInt(), in.getInt());
    }

    /** Reads {@code count} consecutive entries, unused ones included. */
    public static List<ReaderStateEntry> readArray(ByteBuffer in, int count) {
        List<ReaderStateEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(read(in));
        }
        return entries;
    }

    /** Writes exactly {@code count} entries: those given, then unused ones (extra given ones are dropped). */
    public static byte[] arrayBytes(List<ReaderStateEntry> entries, int count) {
        ByteBuffer out = Wire.allocate(SIZE * count);
        for (int i = 0; i < count; i++) {
            (i < entries.size() ? entries.get(i) : unused()).write(out);
        }
        return out.array();
    }

    public boolean isUsed() {
        return !name.isEmpty();
    }

    /** The ATR's meaningful bytes (none for an unused entry). */
    public byte[] atrBytes() {
        int n = atrLength >= 0 && atrLength <= MAX_ATR ? atrLength : 0;
        return Arrays.copyOf(atr, n);
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer out) {
        Wire.writeString(out, name, Wire.MAX_READER_NAME);
        out.putInt(eventCounter).putInt(readerState).putInt(sharing);
        Wire.writeBytes(out, atr, MAX_ATR);
        out.put(new byte[3]);
        out.putInt(atrLength).putInt(cardProtocol);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReaderStateEntry e && e.name.equals(name) && e.eventCounter == eventCounter
                && e.readerState == readerState && e.sharing == sharing && Arrays.equals(e.atr, atr)
                && e.atrLength == atrLength && e.cardProtocol == cardProtocol;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + eventCounter;
    }

    @Override
    public String toString() {
        return "ReaderStateEntry[" + name + ", counter=" + eventCounter + ", state=0x" + Integer.toHexString(readerState)
                + ", sharing=" + sharing + ", atrLength=" + atrLength + ", protocol=" + cardProtocol + "]";
    }
}
