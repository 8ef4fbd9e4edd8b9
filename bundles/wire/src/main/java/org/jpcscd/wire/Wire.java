package org.jpcscd.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Constants and primitive codecs of the pcsc-lite wire protocol. */
public final class Wire {
    /** pcsc-lite writes C structs raw, so the wire order is the host's (little-endian on x86-64/aarch64). */
    public static final ByteOrder ORDER = ByteOrder.nativeOrder();

    public static final int PROTOCOL_MAJOR = 4;
    /** Debian 12's libpcsclite 1.9.9 and every pcsc-lite from 1.8.24 to 2.2.3. */
    public static final int PROTOCOL_MINOR_1_9 = 4;
    /** pcsc-lite 2.3.0 – 2.4.1: adds {@link Command#GET_READER_EVENTS}. */
    public static final int PROTOCOL_MINOR_2_3 = 5;
    /** pcsc-lite 2.5.x: no 16-reader limit, {@link Command#GET_READERS_STATE_SIZE} and ARRAY. */
    public static final int PROTOCOL_MINOR_2_5 = 6;

    /** Request header: {@code uint32 size} of the fixed struct, then {@code uint32 command}. */
    public static final int HEADER_SIZE = 8;
    /** {@code MAX_READERNAME}: reader names are NUL-padded to this many bytes. */
    public static final int MAX_READER_NAME = 128;
    /** {@code MAX_BUFFER_SIZE}: attribute values travel in a buffer this big. */
    public static final int MAX_BUFFER_SIZE = 264;
    /** {@code MAX_BUFFER_SIZE_EXTENDED}: the largest transmit or control payload. */
    public static final int MAX_BUFFER_SIZE_EXTENDED = 65548;
    /** {@code PCSCLITE_MAX_READERS_CONTEXTS}: entries in the reader-state array of protocol 4.4/4.5. */
    public static final int MAX_READERS_CONTEXTS = 16;
    /** The {@code pcbRecvLength}/{@code cbPciLength} a libpcsclite on a 64-bit host sends for its own PCIs. */
    public static final int IO_REQUEST_SIZE = 16;

    private Wire() {
    }

    /** A buffer of {@code size} bytes in wire order. */
    public static ByteBuffer allocate(int size) {
        return ByteBuffer.allocate(size).order(ORDER);
    }

    /** Reads a NUL-padded C string field of {@code length} bytes; stops at the first NUL. */
    public static String readString(ByteBuffer in, int length) {
        byte[] raw = new byte[length];
        in.get(raw);
        int end = 0;
        while (end < length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * Writes a C string into a field of {@code length} bytes, NUL-padded; a longer string is cut so
     * that the field still ends with NUL, as pcscd forces.
     */
    public static void writeString(ByteBuffer out, String value, int length) {
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        byte[] field = Arrays.copyOf(raw, length);
        field[length - 1] = 0;
        out.put(field);
    }

    /** Reads a fixed byte array field. */
    public static byte[] readBytes(ByteBuffer in, int length) {
        byte[] raw = new byte[length];
        in.get(raw);
        return raw;
    }

    /** Writes {@code value} into a field of {@code length} bytes, zero-padded. */
    public static void writeBytes(ByteBuffer out, byte[] value, int length) {
        out.put(Arrays.copyOf(value, length));
    }
}
