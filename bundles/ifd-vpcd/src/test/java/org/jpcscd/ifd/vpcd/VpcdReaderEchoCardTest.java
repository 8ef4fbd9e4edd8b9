package org.jpcscd.ifd.vpcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.Pps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reader against the real third-party-style card process the benchmark uses. */
class VpcdReaderEchoCardTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ECHO_CARD_ATR = HEX.parseHex("3B80800101");

    private VpcdReader reader;
    private final SlotEvents events = new SlotEvents();

    @BeforeEach
    void startReader() throws Exception {
        reader = new VpcdReader(new VpcdSettings(InetAddress.getLoopbackAddress(), 0, 2, Duration.ofSeconds(5)));
        reader.setCardEventListener(events);
    }

    @AfterEach
    void stopReader() {
        reader.close();
    }

    @Test
    void aConnectedEchoCardIsPresentPowersUpAndEchoesShortAndLongApdus() throws Exception {
        VpcdSlot slot = reader.slots().get(0);
        assertFalse(slot.isCardPresent());
        try (EchoCard card = EchoCard.start(reader.address(0).getPort())) {
            events.awaitPresence(slot, true, WAIT);
            assertFalse(reader.slots().get(1).isCardPresent(), "the other slot has no card");

            assertArrayEquals(ECHO_CARD_ATR, slot.powerUp());
            slot.setProtocol(Pps.of(Protocol.T1));

            byte[] select = HEX.parseHex("00A4040008A000000397425446" + "00");
            assertEquals("a0000003974254469000", HEX.formatHex(slot.transmit(Protocol.T1, select)));

            byte[] data = new byte[255];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            byte[] large = new byte[5 + 255 + 1];
            System.arraycopy(HEX.parseHex("80CA0000FF"), 0, large, 0, 5);
            System.arraycopy(data, 0, large, 5, 255);
            byte[] response = slot.transmit(Protocol.T1, large);
            assertEquals(257, response.length);
            assertArrayEquals(data, java.util.Arrays.copyOf(response, 255));
            assertEquals("9000", HEX.formatHex(response, 255, 257));

            assertArrayEquals(ECHO_CARD_ATR, slot.warmReset());
            slot.powerDown();
            assertTrue(slot.isCardPresent(), "an unpowered card is still in the slot");
        }
    }

    @Test
    void killingTheCardProcessIsARemovalAndReconnectingAnInsertion() throws Exception {
        VpcdSlot slot = reader.slots().get(1);
        int port = reader.address(1).getPort();
        try (EchoCard card = EchoCard.start(port)) {
            events.awaitPresence(slot, true, WAIT);
            slot.powerUp();
            card.kill();
            events.awaitPresence(slot, false, WAIT);
            IfdException e = assertThrows(IfdException.class,
                    () -> slot.transmit(Protocol.T1, HEX.parseHex("00A4040000")));
            assertEquals(IfdResponseCode.ICC_NOT_PRESENT, e.code());
        }
        try (EchoCard again = EchoCard.start(port)) {
            events.awaitPresence(slot, true, WAIT);
            assertArrayEquals(ECHO_CARD_ATR, slot.powerUp());
        }
    }

    @Test
    void closingTheReaderHangsUpOnTheCardAndFreesThePorts() throws Exception {
        VpcdSlot slot = reader.slots().get(0);
        int port = reader.address(0).getPort();
        try (EchoCard card = EchoCard.start(port)) {
            events.awaitPresence(slot, true, WAIT);
            reader.close();
            assertFalse(slot.isCardPresent());
            // the port is free again: a new reader can take it at once (echo-card then reconnects to it)
            reader = new VpcdReader(new VpcdSettings(InetAddress.getLoopbackAddress(), port, 1, Duration.ofSeconds(5)));
            reader.setCardEventListener(events);
            events.awaitPresence(reader.slots().get(0), true, WAIT);
            assertArrayEquals(ECHO_CARD_ATR, reader.slots().get(0).powerUp());
            assertTrue(card.logText().contains("vpcd connection closed"), card.logText());
        }
    }
}
