package org.jpcscd.client.smartcardio.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

import javax.smartcardio.CardException;

import org.jpcscd.api.Protocol;
import org.junit.jupiter.api.Test;

class ApduExchangeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ApduExchange.Switches ON = new ApduExchange.Switches(true, true, false);

    /** A card that answers from a script and records what it was sent. */
    private static final class ScriptedCard implements ApduExchange.Link {
        final List<String> sent = new ArrayList<>();
        final Deque<String> answers = new ArrayDeque<>();

        ScriptedCard(String... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        public byte[] transmit(byte[] apdu) {
            sent.add(HEX.formatHex(apdu));
            return HEX.parseHex(answers.isEmpty() ? "9000" : answers.poll());
        }
    }

    private static String exchange(ScriptedCard card, Protocol p, String apdu, ApduExchange.Switches s) throws Exception {
        return HEX.formatHex(ApduExchange.exchange(card, p.mask(), HEX.parseHex(apdu), s));
    }

    @Test
    void t0GetResponseCollectsEveryChunk() throws Exception {
        ScriptedCard card = new ScriptedCard("6104", "aabbccdd6102", "eeff9000");
        assertEquals("aabbccddeeff9000", exchange(card, Protocol.T0, "80ca9f7f00", ON));
        assertEquals(List.of("80ca9f7f00", "80c0000004", "80c0000002"), card.sent);
    }

    @Test
    void getResponseCanBeSwitchedOffPerProtocol() throws Exception {
        ApduExchange.Switches off = new ApduExchange.Switches(false, true, false);
        ScriptedCard t0 = new ScriptedCard("6110");
        assertEquals("6110", exchange(t0, Protocol.T0, "00b0000000", off));
        assertEquals(1, t0.sent.size());
        ApduExchange.Switches t1Off = new ApduExchange.Switches(true, false, false);
        ScriptedCard t1 = new ScriptedCard("6110");
        assertEquals("6110", exchange(t1, Protocol.T1, "00b0000000", t1Off));
    }

    @Test
    void wrongLengthIsResentWithTheLengthTheCardAsksForInEveryCase() throws Exception {
        ScriptedCard case2 = new ScriptedCard("6c08", "01020304050607089000");
        assertEquals("01020304050607089000", exchange(case2, Protocol.T0, "00b0000000", ON));
        assertEquals("00b0000008", case2.sent.get(1));

        // The JDK overwrites P2 of a case-1 command; the right thing is to add Le.
        ScriptedCard case1 = new ScriptedCard("6c02", "aabb9000");
        exchange(case1, Protocol.T0, "00b00102", ON);
        assertEquals("00b0010202", case1.sent.get(1));

        ScriptedCard case3 = new ScriptedCard("6c01");
        exchange(case3, Protocol.T0, "00a4040002a000", ON);
        assertEquals("00a4040002a00001", case3.sent.get(1));

        ScriptedCard case4 = new ScriptedCard("6c03");
        exchange(case4, Protocol.T1, "00a4040002a00000", ON);
        assertEquals("00a4040002a00003", case4.sent.get(1));
    }

    @Test
    void aCardThatNeverFinishesIsGivenUp() {
        ScriptedCard endless = new ScriptedCard();
        for (int i = 0; i < 40; i++) {
            endless.answers.add("6101");
        }
        CardException e = assertThrows(CardException.class, () -> exchange(endless, Protocol.T0, "00b0000000", ON));
        assertEquals("Could not obtain response", e.getMessage());
    }

    @Test
    void t1StripLeRemovesLeFromCase4Only() throws Exception {
        ApduExchange.Switches strip = new ApduExchange.Switches(true, true, true);
        ScriptedCard card = new ScriptedCard();
        exchange(card, Protocol.T1, "00a4040002a00000", strip);
        exchange(card, Protocol.T1, "00a4040002a000", strip);
        exchange(card, Protocol.T1, "00a404000000025a5a0000", strip);
        exchange(card, Protocol.T0, "00a4040002a00000", strip);
        assertEquals(List.of("00a4040002a000", "00a4040002a000", "00a404000000025a5a", "00a4040002a00000"), card.sent);
    }

    @Test
    void logicalChannelNumbersGoIntoTheClassByte() {
        byte[] c = HEX.parseHex("00a40400");
        ApduExchange.setChannel(c, 3);
        assertEquals("03", HEX.formatHex(c, 0, 1));
        c = HEX.parseHex("0ca40400"); // secure messaging bits survive
        ApduExchange.setChannel(c, 2);
        assertEquals("0e", HEX.formatHex(c, 0, 1));
        c = HEX.parseHex("00a40400");
        ApduExchange.setChannel(c, 4);
        assertEquals("40", HEX.formatHex(c, 0, 1));
        c = HEX.parseHex("00a40400");
        ApduExchange.setChannel(c, 19);
        assertEquals("4f", HEX.formatHex(c, 0, 1));
        c = HEX.parseHex("80ca9f7f");
        ApduExchange.setChannel(c, 1); // proprietary class: left alone
        assertEquals("80", HEX.formatHex(c, 0, 1));
    }

    @Test
    void connectStringsCarryShareModeAndProtocol() {
        assertEquals(new ConnectSpec(org.jpcscd.api.ShareMode.SHARED, Protocol.ANY_MASK), ConnectSpec.parse("*"));
        assertEquals(new ConnectSpec(org.jpcscd.api.ShareMode.EXCLUSIVE, Protocol.T1.mask()), ConnectSpec.parse("exclusive;T=1"));
        assertEquals(new ConnectSpec(org.jpcscd.api.ShareMode.DIRECT, 0), ConnectSpec.parse("DIRECT"));
        assertThrows(IllegalArgumentException.class, () -> ConnectSpec.parse("T=2"));
        assertThrows(IllegalArgumentException.class, () -> ConnectSpec.parse("NEVER;T=1"));
    }
}
