package org.jpcscd.ifd.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.ifd.virtual.card.IsolatedCardLoader;
import org.junit.jupiter.api.Test;

/** A card pulled out while the core talks to it: every call ends cleanly, with an answer or IFD code. */
class VirtualSlotConcurrencyTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final int ROUNDS = 300;

    @Test
    void insertingAndRemovingWhileTransmittingNeverBreaksTheSlot() throws Exception {
        VirtualSlot slot = new VirtualSlot(0, new IsolatedCardLoader(getClass().getClassLoader())::newCard, true);
        Set<IfdResponseCode> expectedFailures = EnumSet.of(IfdResponseCode.ICC_NOT_PRESENT, IfdResponseCode.COMMUNICATION_ERROR);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> core = threads.submit(() -> {
                int answered = 0;
                for (int i = 0; i < ROUNDS; i++) {
                    try {
                        slot.powerUp();
                        assertArrayEquals(HEX.parseHex("AB9000"), slot.transmit(Protocol.T1, HEX.parseHex("8010000001AB00")));
                        answered++;
                    } catch (IfdException e) {
                        assertTrue(expectedFailures.contains(e.code()), e.toString());
                    }
                }
                return answered;
            });
            Future<?> shell = threads.submit(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    slot.removeCard();
                    slot.insertCard();
                }
            });
            shell.get(60, TimeUnit.SECONDS);
            core.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertTrue(slot.isCardPresent());
        slot.powerUp();
        assertEquals(3, slot.transmit(Protocol.T1, HEX.parseHex("8010000001AB00")).length);
    }
}
