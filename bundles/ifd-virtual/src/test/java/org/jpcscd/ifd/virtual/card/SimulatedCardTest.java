package org.jpcscd.ifd.virtual.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Set;
import org.jpcscd.api.Atr;
import org.jpcscd.api.Protocol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo applet and the card runtime around it, through jCardSim as the reader uses it. */
class SimulatedCardTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String SELECT_DEMO = "00A4040008F04A504353434401";

    private final IsolatedCardLoader loader = new IsolatedCardLoader(SimulatedCardTest.class.getClassLoader());
    private SimulatedCard card;

    @BeforeEach
    void insertCard() {
        card = loader.newCard();
        card.reset();
    }

    private String send(String command) {
        return HEX.formatHex(card.transmit(HEX.parseHex(command)));
    }

    @Test
    void atrIsAT1JavaCardAtr() throws Exception {
        Atr atr = Atr.parse(card.reset());
        assertEquals("3BFA1800008131FE454A434F5033315632333298", HEX.formatHex(atr.bytes()));
        assertEquals(Set.of(Protocol.T1), atr.protocols());
        assertTrue(atr.tckValid());
    }

    @Test
    void selectingTheDemoAppletAnswers9000() {
        assertEquals("9000", send(SELECT_DEMO));
        assertEquals("9000", send(SELECT_DEMO + "00"));
    }

    @Test
    void echoReturnsTheDataThen9000() {
        send(SELECT_DEMO);
        assertEquals("0102039000", send("801000000301020300"));
    }

    @Test
    void demoAppletIsSelectedAfterReset() {
        assertEquals("CAFE9000", send("8010000002CAFE00"));
    }

    @Test
    void echoWithoutLeStillAnswersUnderT1() {
        assertEquals("CAFE9000", send("8010000002CAFE"));
    }

    @Test
    void echoOfTheLongestShortCommand() {
        String data = "A5".repeat(255);
        assertEquals(data + "9000", send("80100000FF" + data + "00"));
    }

    @Test
    void unknownInstructionIs6D00() {
        assertEquals("6D00", send("8020000000"));
        assertEquals("6D00", send("00B0000000"));
    }

    @Test
    void unknownClassIs6E00() {
        assertEquals("6E00", send("A01000000101"));
    }

    @Test
    void selectingAnUnknownAidIs6A82AndKeepsTheDemoAppletSelected() {
        assertEquals("6A82", send("00A4040008F04A504353434402"));
        assertEquals("6A82", send("00A4040005A000000003"));
        assertEquals("AB9000", send("8010000001AB00"));
    }

    @Test
    void selectingByAPrefixOfTheAidWorks() {
        assertEquals("9000", send("00A4040005F04A504353"));
    }

    @Test
    void logicalChannelsAreNotSupported() {
        assertEquals("6E00", send("01A4040008F04A504353434401"));
    }

    @Test
    void selectByFileIdentifierIsRefused() {
        assertEquals("6A86", send("00A40000023F00"));
    }

    @Test
    void wrongP1P2OnEchoIs6A86() {
        assertEquals("6A86", send("8010010001AB"));
    }

    @Test
    void malformedCommandsAre6700() {
        assertEquals("6700", send("8010"));
        assertEquals("6700", send("80100000050102"));
        assertEquals("6700", send("8010000002010203FF00"));
        assertEquals("6700", send("80100000000003616263"), "extended length is not supported");
    }

    @Test
    void eachCardHasItsOwnRuntime() {
        SimulatedCard other = loader.newCard();
        assertNotSame(card.getClass(), other.getClass(), "each card must come from its own class loader");
        // A second simulator resets jCardSim's static runtime; this card must not notice.
        other.reset();
        assertEquals("6A82", send("00A4040008F04A504353434402"));
        assertEquals("AB9000", send("8010000001AB00"));
        assertArrayEquals(HEX.parseHex("019000"), other.transmit(HEX.parseHex("801000000101")));
    }
}
