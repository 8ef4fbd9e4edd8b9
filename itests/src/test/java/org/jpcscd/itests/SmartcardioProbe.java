package org.jpcscd.itests;

import java.util.HexFormat;
import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;

/**
 * Runs in a child JVM whose environment points libpcsclite at the daemon under test: the JDK's own
 * javax.smartcardio (SunPCSC, linked against Debian's libpcsclite) lists, connects, selects, echoes.
 */
public final class SmartcardioProbe {
    private SmartcardioProbe() {
    }

    public static void main(String[] args) throws Exception {
        HexFormat hex = HexFormat.of();
        List<CardTerminal> terminals = TerminalFactory.getDefault().terminals().list();
        for (CardTerminal terminal : terminals) {
            System.out.println("terminal: " + terminal.getName() + " card " + terminal.isCardPresent());
        }
        Card card = terminals.get(0).connect("*");
        System.out.println("atr: " + hex.formatHex(card.getATR().getBytes()) + " protocol " + card.getProtocol());
        CardChannel channel = card.getBasicChannel();
        ResponseAPDU select = channel.transmit(new CommandAPDU(hex.parseHex("00a4040008f04a504353434401")));
        System.out.println("select: " + hex.formatHex(select.getBytes()));
        ResponseAPDU echo = channel.transmit(new CommandAPDU(hex.parseHex("8010000005" + "0102030405" + "00")));
        System.out.println("echo: " + hex.formatHex(echo.getBytes()));
        card.beginExclusive();
        card.endExclusive();
        card.disconnect(true);
        System.out.println("done");
    }
}
