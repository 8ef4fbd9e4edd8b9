package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.jpcscd.api.Attribute;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.ScardCode;
import org.jpcscd.wire.AttributeStruct;
import org.jpcscd.wire.ConnectStruct;
import org.jpcscd.wire.ControlStruct;
import org.jpcscd.wire.ReaderStateEntry;
import org.jpcscd.wire.ReconnectStruct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every command of protocol 4.4 as libpcsclite 1.9.9 sends it, answered by the packaged daemon. */
class WireProtocolIT {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] ATR = HEX.parseHex("3bfa1800008131fe454a434f5033315632333298");
    static final byte[] SELECT_DEMO = HEX.parseHex("00a4040008f04a504353434401");
    static final byte[] ECHO = HEX.parseHex("8010000003aabbcc00");

    static Daemon daemon;

    @BeforeAll
    static void start() throws IOException {
        daemon = Daemon.start("wire");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        daemon.close();
    }

    static int rv(ScardCode code) {
        return code.value();
    }

    @Test
    void versionHandshakeAnswersEachSupportedMinorAndRefusesOthersWithFourFour() throws IOException {
        for (int minor = 4; minor <= 6; minor++) {
            try (RawClient c = new RawClient(daemon.socket)) {
                var reply = c.version(4, minor);
                assertEquals(4, reply.major());
                assertEquals(minor, reply.minor());
                assertEquals(0, reply.rv());
            }
        }
        for (int[] other : new int[][] {{4, 3}, {4, 7}, {5, 4}}) {
            try (RawClient c = new RawClient(daemon.socket)) {
                var reply = c.version(other[0], other[1]);
                assertEquals(4, reply.major());
                assertEquals(4, reply.minor());
                assertEquals(rv(ScardCode.E_SERVICE_STOPPED), reply.rv());
                // The connection stays usable: 1.9.9 keeps no handshake state.
                assertEquals(0, c.establish(RawClient.SCOPE_SYSTEM).rv());
            }
        }
    }

    @Test
    void establishGivesA31BitContextAndRefusesAnUnknownScope() throws IOException {
        try (RawClient c = new RawClient(daemon.socket)) {
            c.version(4, 4);
            var ok = c.establish(RawClient.SCOPE_SYSTEM);
            assertEquals(0, ok.rv());
            assertEquals(RawClient.SCOPE_SYSTEM, ok.scope());
            assertNotEquals(0, ok.context());
            assertTrue(ok.context() > 0, "31-bit, non-negative");
            var bad = c.establish(7);
            assertEquals(rv(ScardCode.E_INVALID_VALUE), bad.rv());
            assertEquals(0, bad.context());
        }
    }

    @Test
    void establishWithoutHandshakeWorksAsWithPcscd() throws IOException {
        try (RawClient c = new RawClient(daemon.socket)) {
            assertEquals(0, c.establish(0).rv());
        }
    }

    @Test
    void releaseChecksTheContextAndThenLeavesNone() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int context = c.context();
            assertEquals(rv(ScardCode.E_INVALID_VALUE), c.release(context + 1).rv());
            var released = c.release(context);
            assertEquals(context, released.context());
            assertEquals(0, released.rv());
            assertEquals(rv(ScardCode.E_INVALID_HANDLE), c.release(context).rv());
        }
    }

    @Test
    void readersStateIsSixteenEntriesWithTheReaderFirstAndUnusedSlotsMarked() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            List<ReaderStateEntry> states = c.readersState();
            assertEquals(16, states.size());
            ReaderStateEntry reader = states.get(0);
            assertEquals(Daemon.READER, reader.name());
            assertTrue((reader.readerState() & CardStateBits.PRESENT) != 0, reader.toString());
            assertArrayEquals(ATR, reader.atrBytes());
            assertEquals(ATR.length, reader.atrLength());
            for (ReaderStateEntry unused : states.subList(1, 16)) {
                assertEquals("", unused.name());
                assertEquals(ReaderStateEntry.NOT_INITIALISED, unused.atrLength());
            }
        }
    }

    @Test
    void connectNegotiatesT1AndShowsInTheSharingCount() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            ConnectStruct reply = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1);
            assertEquals(0, reply.rv());
            assertNotEquals(0, reply.handle());
            assertEquals(RawClient.T1, reply.activeProtocol());
            assertEquals(c.context(), reply.context(), "request fields are echoed");
            assertEquals(Daemon.READER, reply.readerName());
            ReaderStateEntry entry = RawClient.entry(c.readersState(), Daemon.READER);
            assertTrue(entry.sharing() >= 1, entry.toString());
            assertEquals(RawClient.T1, entry.cardProtocol());
            assertEquals(0, c.disconnect(reply.handle(), 0).rv());
        }
    }

    @Test
    void connectErrorsComeInPcscdsOrder() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            ConnectStruct noProtocol = c.connect("no such reader", 9, 0);
            assertEquals(rv(ScardCode.E_PROTO_MISMATCH), noProtocol.rv());
            assertEquals(0, noProtocol.handle());
            assertEquals(rv(ScardCode.E_INVALID_VALUE), c.connect("no such reader", 9, RawClient.T0_T1).rv());
            ConnectStruct unknown = c.connect("no such reader", RawClient.SHARE_SHARED, RawClient.T0_T1);
            assertEquals(rv(ScardCode.E_UNKNOWN_READER), unknown.rv());
            assertEquals(0, unknown.handle());
        }
    }

    @Test
    void connectNamingAnotherContextIsRefusedWithTheDeadHandle() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            ConnectStruct reply = c.connect(c.context() ^ 0x55, Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1);
            assertEquals(rv(ScardCode.E_INVALID_VALUE), reply.rv());
            assertNotEquals(0, reply.handle());
            assertEquals(0, RawClient.entry(c.readersState(), Daemon.READER).sharing(), "the handle was disconnected");
        }
    }

    @Test
    void connectWithoutContextIsInvalidHandle() throws IOException {
        try (RawClient c = new RawClient(daemon.socket)) {
            ConnectStruct reply = c.connect(0, Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1);
            assertEquals(rv(ScardCode.E_INVALID_HANDLE), reply.rv());
            assertEquals(0, reply.handle());
        }
    }

    @Test
    void transmitRunsTheDemoAppletAndEchoes() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            var select = c.transmit(card, SELECT_DEMO, 258);
            assertEquals(0, select.reply().rv());
            assertEquals(2, select.reply().recvLength());
            assertArrayEquals(HEX.parseHex("9000"), select.response());
            assertEquals(card, select.reply().handle());
            assertEquals(SELECT_DEMO.length, select.reply().sendLength(), "request fields are echoed");
            var echo = c.transmit(card, ECHO, 8192);
            assertArrayEquals(HEX.parseHex("aabbcc9000"), echo.response());
            c.disconnect(card, 0);
        }
    }

    @Test
    void transmitIntoATooSmallBufferTellsTheLengthAndSendsNoData() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            c.transmit(card, SELECT_DEMO, 258);
            var small = c.transmit(card, ECHO, 3);
            assertEquals(rv(ScardCode.E_INSUFFICIENT_BUFFER), small.reply().rv());
            assertEquals(5, small.reply().recvLength());
            // Nothing else was sent: the next reply starts right after the struct.
            assertEquals(0, c.status(card).rv());
            c.disconnect(card, 0);
        }
    }

    @Test
    void transmitWithAnOversizeApduClosesTheConnectionAndOthersCarryOn() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket); RawClient other = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            c.send(org.jpcscd.wire.Command.TRANSMIT, new org.jpcscd.wire.TransmitStruct(
                    card, RawClient.T1, 16, 65549, 3, 16, 258, 0));
            assertTrue(c.closedWithoutReply(RawClient.READ_TIMEOUT));
            assertEquals(0, other.status(other.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle()).rv());
        }
    }

    @Test
    void controlAnswersWithTheStructAndOnlyOnSuccessTheData() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_DIRECT, 0).handle();
            byte[][] output = new byte[1][];
            ControlStruct reply = c.control(card, 0x42000D48, new byte[0], 256, output);
            assertEquals(card, reply.handle());
            assertEquals(0x42000D48, reply.controlCode());
            if (reply.rv() == 0) {
                assertEquals(reply.bytesReturned(), output[0].length);
            } else {
                assertEquals(0, reply.bytesReturned());
            }
            // The stream is still in step.
            assertEquals(0, c.disconnect(card, 0).rv());
        }
    }

    @Test
    void getAttribAnswersAtrAndFriendlyNameInsideTheStruct() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            AttributeStruct atr = c.getAttrib(card, Attribute.ATR_STRING, 264);
            assertEquals(0, atr.rv());
            assertEquals(ATR.length, atr.length());
            assertArrayEquals(ATR, atr.value());
            AttributeStruct name = c.getAttrib(card, Attribute.DEVICE_FRIENDLY_NAME, 264);
            assertEquals(0, name.rv());
            assertArrayEquals(RawClient.name(Daemon.READER), name.value());
            AttributeStruct tooSmall = c.getAttrib(card, Attribute.ATR_STRING, 4);
            assertEquals(rv(ScardCode.E_INSUFFICIENT_BUFFER), tooSmall.rv());
            assertEquals(ATR.length, tooSmall.length());
            AttributeStruct protocol = c.getAttrib(card, Attribute.CURRENT_PROTOCOL_TYPE, 264);
            assertEquals(0, protocol.rv());
            c.disconnect(card, 0);
        }
    }

    @Test
    void attributeLengthBeyondTheFieldClosesTheConnection() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            c.send(org.jpcscd.wire.Command.GET_ATTRIB, new AttributeStruct(card, Attribute.ATR_STRING, new byte[0], 265, 0));
            assertTrue(c.closedWithoutReply(RawClient.READ_TIMEOUT));
        }
    }

    @Test
    void setAttribOfAnUnknownAttributeIsAnsweredInTheStruct() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            AttributeStruct reply = c.setAttrib(card, 0x7FFF7FFF, new byte[] {1, 2});
            assertEquals(card, reply.handle());
            assertNotEquals(0, reply.rv());
            assertEquals(0, c.disconnect(card, 0).rv());
        }
    }

    @Test
    void transactionsNestAndEndWithNotTransacted() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            assertEquals(0, c.begin(card).rv());
            assertEquals(0, c.begin(card).rv());
            assertEquals(rv(ScardCode.E_INVALID_VALUE), c.end(card, 7).rv());
            assertEquals(0, c.end(card, 0).rv());
            assertEquals(0, c.end(card, 0).rv());
            assertEquals(rv(ScardCode.E_NOT_TRANSACTED), c.end(card, 0).rv());
            c.disconnect(card, 0);
        }
    }

    @Test
    void anotherHandlesTransactionMakesBeginWaitAndFailWithSharingViolation() throws IOException {
        try (RawClient a = RawClient.established(daemon.socket); RawClient b = RawClient.established(daemon.socket)) {
            int cardA = a.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            int cardB = b.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            assertEquals(0, a.begin(cardA).rv());
            assertEquals(rv(ScardCode.E_SHARING_VIOLATION), b.begin(cardB).rv());
            assertEquals(rv(ScardCode.E_SHARING_VIOLATION), b.transmit(cardB, ECHO, 258).reply().rv());
            assertEquals(0, a.end(cardA, 0).rv());
            assertEquals(0, b.begin(cardB).rv());
            assertEquals(0, b.end(cardB, 0).rv());
            a.disconnect(cardA, 0);
            b.disconnect(cardB, 0);
        }
    }

    @Test
    void resetByOneHandleIsReportedToTheOtherUntilItReconnects() throws IOException {
        try (RawClient a = RawClient.established(daemon.socket); RawClient b = RawClient.established(daemon.socket)) {
            int cardA = a.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            int cardB = b.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            assertEquals(0, a.disconnect(cardA, 1).rv());
            assertEquals(rv(ScardCode.W_RESET_CARD), b.transmit(cardB, SELECT_DEMO, 258).reply().rv());
            assertEquals(rv(ScardCode.W_RESET_CARD), b.status(cardB).rv());
            ReconnectStruct again = b.reconnect(cardB, RawClient.SHARE_SHARED, RawClient.T0_T1, 0);
            assertEquals(0, again.rv());
            assertEquals(RawClient.T1, again.activeProtocol());
            assertEquals(0, b.transmit(cardB, SELECT_DEMO, 258).reply().rv());
            b.disconnect(cardB, 0);
        }
    }

    @Test
    void reconnectRefusesEjectAndBadShareModes() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            assertEquals(rv(ScardCode.E_INVALID_VALUE), c.reconnect(card, RawClient.SHARE_SHARED, RawClient.T0_T1, 3).rv());
            assertEquals(rv(ScardCode.E_INVALID_VALUE), c.reconnect(card, 5, RawClient.T0_T1, 0).rv());
            assertEquals(rv(ScardCode.E_INVALID_VALUE), c.disconnect(card, 9).rv());
            assertEquals(0, c.disconnect(card, 0).rv());
        }
    }

    @Test
    void exclusiveHoldRefusesOtherConnects() throws IOException {
        try (RawClient a = RawClient.established(daemon.socket); RawClient b = RawClient.established(daemon.socket)) {
            int cardA = a.connect(Daemon.READER, RawClient.SHARE_EXCLUSIVE, RawClient.T0_T1).handle();
            assertEquals(-1, RawClient.entry(b.readersState(), Daemon.READER).sharing());
            ConnectStruct refused = b.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1);
            assertEquals(rv(ScardCode.E_SHARING_VIOLATION), refused.rv());
            assertEquals(0, refused.handle());
            assertEquals(0, a.disconnect(cardA, 0).rv());
            int cardB = b.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            assertNotEquals(0, cardB);
            b.disconnect(cardB, 0);
        }
    }
}
