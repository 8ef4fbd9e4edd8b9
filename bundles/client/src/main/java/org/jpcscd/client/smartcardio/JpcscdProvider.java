package org.jpcscd.client.smartcardio;

import java.security.Provider;

/**
 * The jpcscd {@code javax.smartcardio} provider: {@code TerminalFactory.PC/SC} on the pure-Java
 * client. The factory's parameter may be null or a {@link org.jpcscd.client.ClientSettings}.
 *
 * <p>It behaves like the JDK's SunPCSC provider (same exceptions, the same
 * {@code sun.security.smartcardio.t0GetResponse}, {@code t1GetResponse}, {@code t1StripLe} and
 * {@code invertCardReset} switches), except where users have long asked for better:
 * <ul>
 * <li>{@code CardTerminals.waitForChange} also wakes for a reader plugged in or removed, waits for a
 *     card to come or go (not for other clients connecting), and works with no reader at all
 *     instead of throwing; {@code list(CARD_INSERTION)} then names a new reader that has a card.</li>
 * <li>{@code waitForCardPresent/Absent(0)} really wait without limit.</li>
 * <li>{@code CardTerminal.connect} takes an optional share mode: {@code "EXCLUSIVE;T=1"},
 *     {@code "SHARED;*"}, {@code "DIRECT"}.</li>
 * <li>{@code Card} also implements {@link JpcscdCard}: disconnect with any {@code Disposition}
 *     (leave, reset, unpower, eject).</li>
 * <li>{@code 6Cxx} is answered by resending with Le = xx for every short APDU case (the JDK
 *     overwrites P2 of a case-1 APDU).</li>
 * <li>A card removed is a {@code CardNotPresentException}; once the daemon restarted, the next call
 *     establishes a new context instead of failing for ever.</li>
 * </ul>
 */
public final class JpcscdProvider extends Provider {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "Jpcscd";

    public JpcscdProvider() {
        super(NAME, "1.0", "jpcscd PC/SC provider (pure Java, talks to the daemon's socket)");
        put("TerminalFactory.PC/SC", "org.jpcscd.client.smartcardio.impl.JpcscdTerminalFactorySpi");
    }
}
