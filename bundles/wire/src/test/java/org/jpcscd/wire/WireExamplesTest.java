package org.jpcscd.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte sequences of pcsc-wire-protocol.md §10, captured from Debian's libpcsclite 1.9.9. */
class WireExamplesTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void versionAndEstablishMatchTheCapture() throws IOException {
        assertArrayEquals(hex("0c000000 11000000 04000000 04000000 00000000"),
                RequestWriter.request(Command.VERSION, new VersionStruct(4, 4, 0)));
        assertArrayEquals(hex("0c000000 01000000 02000000 00000000 00000000"),
                RequestWriter.request(Command.ESTABLISH_CONTEXT, new EstablishStruct(2, 0, 0)));
        assertArrayEquals(hex("02000000 5f52fd05 00000000"), new EstablishStruct(2, 0x05fd525f, 0).toBytes());

        RequestReader reader = new RequestReader(new ByteArrayInputStream(
                hex("0c000000 11000000 04000000 04000000 00000000 0c000000 01000000 02000000 00000000 00000000")));
        assertEquals(new VersionStruct(4, 4, 0), reader.next().body());
        assertEquals(new EstablishStruct(2, 0, 0), reader.next().body());
        assertNull(reader.next());
    }

    @Test
    void transmitPayloadIsNotCountedInTheHeader() throws IOException {
        TransmitStruct t = new TransmitStruct(0x1234, 2, 16, 5, 3, 16, 258, 0);
        byte[] apdu = hex("00a4040000");
        byte[] wire = RequestWriter.request(Command.TRANSMIT, t, apdu);
        assertArrayEquals(hex("20000000 09000000 34120000 02000000 10000000 05000000 03000000 10000000 02010000 00000000 00a4040000"), wire);

        RequestReader reader = new RequestReader(new ByteArrayInputStream(wire));
        RequestReader.Request r = reader.next();
        assertEquals(Command.TRANSMIT, r.command());
        assertEquals(t, r.body());
        assertArrayEquals(apdu, reader.payload(((TransmitStruct) r.body()).sendLength()));
    }

    @Test
    void connectCarriesTheNulPaddedReaderName() {
        ConnectStruct c = new ConnectStruct(0x05fd525f, "Virtual PCD 00 00", 2, 3, 0, 0, 0);
        byte[] bytes = c.toBytes();
        assertEquals(ConnectStruct.SIZE, bytes.length);
        assertEquals("Virtual PCD 00 00", ConnectStruct.read(ByteBuffer.wrap(bytes).order(Wire.ORDER)).readerName());
        assertEquals(0, bytes[4 + 17]);

        // pcscd forces the last byte of the name to NUL: a 200-char name comes back as 127 chars.
        ConnectStruct longName = new ConnectStruct(1, "x".repeat(200), 2, 3, 0, 0, 0);
        assertEquals(127, ConnectStruct.read(ByteBuffer.wrap(longName.toBytes()).order(Wire.ORDER)).readerName().length());
    }

    @Test
    void getAttribRequestMatchesTheCapture() {
        AttributeStruct a = new AttributeStruct(0x11223344, 0x00090303, new byte[0], 264, 0x8010001D);
        byte[] wire = RequestWriter.request(Command.GET_ATTRIB, a);
        assertEquals(8 + 280, wire.length);
        assertArrayEquals(hex("18010000 0f000000 44332211 03030900"), java.util.Arrays.copyOf(wire, 16));
        assertArrayEquals(hex("08010000 1d001080"), java.util.Arrays.copyOfRange(wire, wire.length - 8, wire.length));
    }

    @Test
    void readerStateArrayIs2944BytesWithUnusedEntriesMarked() {
        ReaderStateEntry used = new ReaderStateEntry("Virtual PCD 00 00", 1, 0x34, 0, hex("3b80800101"), 5, 0);
        byte[] array = ReaderStateEntry.arrayBytes(List.of(used), Wire.MAX_READERS_CONTEXTS);
        assertEquals(2944, array.length);
        ByteBuffer in = ByteBuffer.wrap(array).order(Wire.ORDER);
        List<ReaderStateEntry> back = ReaderStateEntry.readArray(in, Wire.MAX_READERS_CONTEXTS);
        assertEquals(used, back.get(0));
        assertArrayEquals(hex("3b80800101"), back.get(0).atrBytes());
        assertEquals(ReaderStateEntry.NOT_INITIALISED, back.get(1).atrLength());
        assertTrue(!back.get(15).isUsed());
        // Field offsets of §4.1: counter at 128, state at 132, ATR length at 176.
        assertEquals(1, ByteBuffer.wrap(array).order(Wire.ORDER).getInt(128));
        assertEquals(0x34, ByteBuffer.wrap(array).order(Wire.ORDER).getInt(132));
        assertEquals(5, ByteBuffer.wrap(array).order(Wire.ORDER).getInt(176));
    }

    @Test
    void malformedRequestsAreRefused() {
        // Unknown and unhandled command codes.
        for (int code : new int[] {0x00, 0x03, 0x0C, 0x0E, 0x99}) {
            byte[] wire = ByteBuffer.allocate(8).order(Wire.ORDER).putInt(0).putInt(code).array();
            assertThrows(WireFormatException.class, () -> new RequestReader(new ByteArrayInputStream(wire)).next());
        }
        // A TRANSMIT whose header counts the APDU (size 37) is "wrong length" for pcscd.
        byte[] wrongSize = hex("25000000 09000000");
        assertThrows(WireFormatException.class, () -> new RequestReader(new ByteArrayInputStream(wrongSize)).next());
        // Half a header, half a struct.
        assertThrows(EOFException.class, () -> new RequestReader(new ByteArrayInputStream(hex("0c0000"))).next());
        assertThrows(EOFException.class, () -> new RequestReader(new ByteArrayInputStream(hex("0c000000 11000000 0400"))).next());
        // Oversize payload.
        assertThrows(WireFormatException.class, () -> new RequestReader(new ByteArrayInputStream(new byte[0])).payload(65549));
    }
}
