package org.jpcscd.client.smartcardio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;

import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.client.ClientSettings;
import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;
import org.jpcscd.client.testing.DaemonUnderTest;
import org.jpcscd.wire.ReaderStateEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The javax.smartcardio provider against a {@link DaemonUnderTest}. */
abstract class SmartcardioContract {
    private static final HexFormat HEX = HexFormat.of();
    private static final CommandAPDU SELECT = new CommandAPDU(0x00, 0xA4, 0x04, 0x00);

    protected abstract DaemonUnderTest daemon();

    @BeforeEach
    void cardIsIn() throws Exception {
        daemon().insertCard();
        assertTrue(terminal(factory()).waitForCardPresent(10_000));
    }

    private TerminalFactory factory() throws Exception {
        return TerminalFactory.getInstance("PC/SC", ClientSettings.forSocket(daemon().socket()), new JpcscdProvider());
    }

    private CardTerminal terminal(TerminalFactory factory) throws CardException {
        CardTerminal t = factory.terminals().getTerminal(daemon().cardReader());
        assertNotNull(t, "terminal " + daemon().cardReader());
        return t;
    }

    @Test
    void aProgramWrittenForJavaxSmartcardioPrintsTheSameWithTheJdkProviderAndOurs() throws Exception {
        String jdk = runScenario(false);
        String ours = runScenario(true);
        assertTrue(jdk.contains("case 4: 01020304059000"), "the JDK run reached the card:\n" + jdk);
        assertEquals(jdk, ours);
    }

    /** Runs SmartcardioScenario in a fresh JVM; with ours, the java.security list names our provider in SunPCSC's place. */
    private String runScenario(boolean ours) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (ours) {
            Path security = Files.createTempFile("jpcscd", ".security");
            Files.writeString(security, "security.provider." + sunPcscIndex() + "=" + JpcscdProvider.class.getName() + "\n");
            command.add("-Djava.security.properties=" + security);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SmartcardioScenario.class.getName(),
                daemon().cardReader()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PCSCLITE_CSOCK_NAME", daemon().socket().toString());
        pb.environment().put("JPCSCD_AUTOSTART", "false");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), (ours ? "our" : "the JDK's") + " provider run failed:\n" + out);
        return out;
    }

    private static int sunPcscIndex() throws Exception {
        Path file = Path.of(System.getProperty("java.home"), "conf", "security", "java.security");
        for (String line : Files.readAllLines(file)) {
            if (line.matches("security\\.provider\\.\\d+=SunPCSC\\s*")) {
                return Integer.parseInt(line.substring("security.provider.".length(), line.indexOf('=')));
            }
        }
        throw new IllegalStateException("SunPCSC not listed in " + file);
    }

    @Test
    void waitForChangeReportsRemovalThenInsertionAndTheCardBecomesNotPresent() throws Exception {
        TerminalFactory factory = factory();
        CardTerminals terminals = factory.terminals();
        CardTerminal terminal = terminal(factory);
        Card card = terminal.connect("*");
        assertEquals("9000", HEX.formatHex(card.getBasicChannel().transmit(SELECT).getBytes()));
        assertFalse(terminals.waitForChange(200), "nothing happens: our own connect does not count");

        daemon().removeCard();
        assertTrue(terminals.waitForChange(10_000));
        assertTrue(terminals.list(CardTerminals.State.CARD_REMOVAL).contains(terminal));
        assertTrue(terminals.list(CardTerminals.State.CARD_INSERTION).isEmpty());
        assertFalse(terminal.isCardPresent());
        assertThrows(CardNotPresentException.class, () -> card.getBasicChannel().transmit(SELECT));
        assertThrows(IllegalStateException.class, () -> card.getBasicChannel().transmit(SELECT), "removed card stays dead");
        assertThrows(CardNotPresentException.class, () -> terminal.connect("*"));

        daemon().insertCard();
        assertTrue(terminals.waitForChange(10_000));
        assertTrue(terminals.list(CardTerminals.State.CARD_INSERTION).contains(terminal));
        assertTrue(terminals.list(CardTerminals.State.CARD_REMOVAL).isEmpty());
        card.disconnect(false); // frees the removed card's handle in the daemon
        assertThrows(IllegalStateException.class, card::getBasicChannel);
        Card again = terminal.connect("EXCLUSIVE;*");
        assertEquals("9000", HEX.formatHex(again.getBasicChannel().transmit(SELECT).getBytes()));
        again.disconnect(false);
    }

    @Test
    void waitForCardAbsentWithoutTimeoutReallyWaits() throws Exception {
        CardTerminal terminal = terminal(factory());
        assertFalse(terminal.waitForCardAbsent(100));
        Thread remover = new Thread(() -> {
            try {
                // Removed only once the waiter is blocked in the daemon, seen through the daemon's state.
                daemon().removeCard();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        remover.start();
        assertTrue(terminal.waitForCardAbsent(0));
        remover.join();
        assertFalse(terminal.isCardPresent());
        assertTrue(terminal.waitForCardPresent(100) == false);
    }

    @Test
    void aThreadWaitingForChangesDoesNotHoldUpAnotherThreadsTransmit() throws Exception {
        TerminalFactory factory = factory();
        CardTerminals terminals = factory.terminals();
        Card card = terminal(factory).connect("*");
        assertFalse(terminals.waitForChange(100));
        java.util.concurrent.CompletableFuture<Boolean> waiter = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return terminals.waitForChange(0);
            } catch (CardException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 20; i++) {
            assertEquals("9000", HEX.formatHex(card.getBasicChannel().transmit(SELECT).getBytes()));
        }
        assertFalse(waiter.isDone(), "still waiting: transmits are not card events");
        daemon().removeCard(); // ends the wait
        assertTrue(waiter.get(10, TimeUnit.SECONDS));
        card.disconnect(false);
    }

    @Test
    void exclusiveShareModeFromTheProtocolString() throws Exception {
        Card exclusive = terminal(factory()).connect("EXCLUSIVE;T=1");
        assertEquals("T=1", exclusive.getProtocol());
        CardException e = assertThrows(CardException.class, () -> terminal(factory()).connect("*"));
        assertInstanceOf(ScardException.class, e.getCause());
        assertEquals(ScardCode.E_SHARING_VIOLATION, ((ScardException) e.getCause()).code());
        exclusive.disconnect(false);
        terminal(factory()).connect("SHARED;*").disconnect(false);
        assertThrows(IllegalArgumentException.class, () -> terminal(factory()).connect("SOMETIMES;T=1"));
    }

    @Test
    void disconnectWithUnpowerLeavesTheCardUnpowered() throws Exception {
        Card card = terminal(factory()).connect("*");
        ((JpcscdCard) card).disconnect(Disposition.UNPOWER);
        try (Context ctx = PcscClient.forSocket(daemon().socket()).establishContext()) {
            ReaderStateEntry entry = ctx.readerStates().stream().filter(s -> s.name().equals(daemon().cardReader()))
                    .findFirst().orElseThrow();
            assertEquals(0, entry.readerState() & CardStateBits.POWERED, entry.toString());
            assertTrue((entry.readerState() & CardStateBits.PRESENT) != 0, entry.toString());
        }
        Card again = terminal(factory()).connect("*");
        assertEquals("9000", HEX.formatHex(again.getBasicChannel().transmit(SELECT).getBytes()));
        again.disconnect(true);
    }

    @Test
    void transmitControlCommandReachesTheReader() throws Exception {
        Card card = terminal(factory()).connect("DIRECT");
        CardException e = assertThrows(CardException.class, () -> card.transmitControlCommand(0x42000000 + 3400 + 0x7777, new byte[0]));
        assertInstanceOf(ScardException.class, e.getCause(), "the daemon's answer, not a local failure");
        card.disconnect(false);
    }

    @Test
    void theFactoryCarriesOnAfterTheDaemonRestarts() throws Exception {
        TerminalFactory factory = factory();
        CardTerminals terminals = factory.terminals();
        assertTrue(terminals.list().stream().anyMatch(t -> t.getName().equals(daemon().cardReader())));
        daemon().restart();
        assertTrue(terminals.list().stream().anyMatch(t -> t.getName().equals(daemon().cardReader())),
                "listed through a new context");
        Card card = terminals.getTerminal(daemon().cardReader()).connect("*");
        assertEquals("9000", HEX.formatHex(card.getBasicChannel().transmit(SELECT).getBytes()));
        card.disconnect(false);
    }
}
