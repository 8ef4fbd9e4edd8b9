package org.jpcscd.client.smartcardio;

import java.util.HexFormat;
import java.util.List;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;

/**
 * A program written only against javax.smartcardio: it must print the same lines with the JDK's
 * own provider (libpcsclite) and with jpcscd's, whichever the java.security provider list puts
 * first. Argument: the reader holding an echo card.
 */
public final class SmartcardioScenario {
    private static final HexFormat HEX = HexFormat.of();

    public static void main(String[] args) throws Exception {
        String reader = args[0];
        TerminalFactory factory = TerminalFactory.getInstance("PC/SC", null);
        System.err.println("provider: " + factory.getProvider().getName());
        CardTerminals terminals = factory.terminals();
        List<CardTerminal> all = terminals.list();
        out("terminals", all.stream().map(CardTerminal::getName).sorted().toList());
        CardTerminal terminal = terminals.getTerminal(reader);
        // A reset clears whatever protocol an earlier client left negotiated: every run starts alike.
        terminal.connect("*").disconnect(true);
        out("present", terminal.isCardPresent());
        out("with card", terminals.list(CardTerminals.State.CARD_PRESENT).stream().map(CardTerminal::getName).toList());

        Card card = terminal.connect("*");
        out("protocol", card.getProtocol());
        out("atr", HEX.formatHex(card.getATR().getBytes()));
        CardChannel basic = card.getBasicChannel();
        out("channel", basic.getChannelNumber());
        out("case 4", hex(basic.transmit(new CommandAPDU(0x80, 0x10, 0, 0, HEX.parseHex("0102030405"), 256))));
        out("case 3", hex(basic.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x00, HEX.parseHex("A000000003")))));
        out("case 1", hex(basic.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x00))));
        byte[] big = new byte[600];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        ResponseAPDU extended = basic.transmit(new CommandAPDU(0x80, 0x10, 0, 0, big, 65536));
        out("extended", extended.getData().length + " bytes, equal=" + java.util.Arrays.equals(big, extended.getData())
                + ", sw=" + Integer.toHexString(extended.getSW()));
        out("same card", terminal.connect("*") == card);
        attempt("logical channel", () -> card.openLogicalChannel().getChannelNumber());
        attempt("manage channel by hand", () -> basic.transmit(new CommandAPDU(0x00, 0x70, 0, 0, 1)));
        attempt("close basic", () -> {
            basic.close();
            return "closed";
        });
        card.beginExclusive();
        out("in exclusive", hex(basic.transmit(new CommandAPDU(0x80, 0x10, 0, 0, HEX.parseHex("AA"), 256))));
        card.endExclusive();
        attempt("end twice", () -> {
            card.endExclusive();
            return "ended";
        });
        card.disconnect(false);
        attempt("after disconnect", () -> hex(basic.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x00))));
        out("present after disconnect", terminal.isCardPresent());

        Card again = terminal.connect("T=1");
        out("reconnected", again.getProtocol() + " " + (again != card));
        again.disconnect(true);
        attempt("T=0 after a reset", () -> {
            Card t0 = terminal.connect("T=0");
            String protocol = t0.getProtocol();
            attempt("extended on T=0", () -> hex(t0.getBasicChannel().transmit(new CommandAPDU(0x80, 0x10, 0, 0, big, 65536))));
            t0.disconnect(true);
            return protocol;
        });
        attempt("bad protocol", () -> terminal.connect("T=9"));
        out("wait present", terminal.waitForCardPresent(200));
        out("wait absent", terminal.waitForCardAbsent(200));
        out("waitForChange", terminals.waitForChange(300));
        out("insertions", terminals.list(CardTerminals.State.CARD_INSERTION).size());
        out("removals", terminals.list(CardTerminals.State.CARD_REMOVAL).size());
        attempt("unknown terminal", () -> terminals.getTerminal("No Such Reader 00 00").isCardPresent());
    }

    private interface Action {
        Object run() throws Exception;
    }

    private static void attempt(String what, Action action) {
        try {
            out(what, action.run());
        } catch (Exception e) {
            out(what, "threw " + e.getClass().getName());
        }
    }

    private static String hex(ResponseAPDU r) {
        return HEX.formatHex(r.getBytes());
    }

    private static void out(String what, Object value) {
        System.out.println(what + ": " + value);
    }
}
