package org.jpcscd.client.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.client.ClientSettings;
import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;
import org.jpcscd.client.ReaderState;
import org.jpcscd.client.smartcardio.JpcscdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Readers plugged in and out while clients wait (pcscd 1.9.9 with serial readers cannot do that
 * here, jpcscd's simulated readers can): the PnP pseudo reader and waitForChange see it.
 */
class JpcscdReaderHotplugIT {
    private static final String PLUGGED = "jpcscd Virtual Reader 00 00";
    private static JpcscdDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = JpcscdDaemon.start();
    }

    @AfterAll
    static void stop() throws Exception {
        daemon.close();
    }

    private static List<String> names(CardTerminals terminals, CardTerminals.State state) throws Exception {
        return terminals.list(state).stream().map(CardTerminal::getName).toList();
    }

    @Test
    void waitForChangeWakesForAReaderPluggedInWithItsCardAndForItsRemoval() throws Exception {
        TerminalFactory factory = TerminalFactory.getInstance("PC/SC", ClientSettings.forSocket(daemon.socket()),
                new JpcscdProvider());
        CardTerminals terminals = factory.terminals();
        assertFalse(terminals.waitForChange(200));
        assertFalse(names(terminals, CardTerminals.State.ALL).contains(PLUGGED));

        daemon.virtualReaders(1);
        assertTrue(terminals.waitForChange(30_000));
        assertTrue(names(terminals, CardTerminals.State.ALL).contains(PLUGGED));
        if (!names(terminals, CardTerminals.State.CARD_INSERTION).contains(PLUGGED)) {
            // The reader may be published before its card is powered: then the card is the next change.
            assertTrue(terminals.waitForChange(30_000));
        }
        assertTrue(names(terminals, CardTerminals.State.CARD_INSERTION).contains(PLUGGED),
                "a new reader's card counts as an insertion");

        daemon.virtualReaders(0);
        assertTrue(terminals.waitForChange(30_000));
        assertFalse(names(terminals, CardTerminals.State.ALL).contains(PLUGGED));
    }

    @Test
    void thePnpPseudoReaderReportsAReaderPluggedInBetweenTwoCalls() throws Exception {
        try (Context ctx = PcscClient.forSocket(daemon.socket()).establishContext()) {
            ReaderState pnp = ReaderState.pnp();
            ScardException quiet = assertThrows(ScardException.class, () -> ctx.getStatusChange(0, List.of(pnp)));
            assertEquals(ScardCode.E_TIMEOUT, quiet.code());
            pnp.acknowledge();

            daemon.virtualReaders(1);
            ctx.getStatusChange(30_000, List.of(pnp));
            assertTrue(pnp.changed());
            assertTrue(ctx.listReaders().contains(PLUGGED));
            pnp.acknowledge();

            daemon.virtualReaders(0);
            ctx.getStatusChange(30_000, List.of(pnp));
            assertTrue(pnp.changed());
            assertFalse(ctx.listReaders().contains(PLUGGED));
        }
    }
}
