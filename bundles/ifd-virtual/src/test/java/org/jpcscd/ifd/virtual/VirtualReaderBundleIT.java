package org.jpcscd.ifd.virtual;

import static org.jpcscd.ifd.virtual.FelixHarness.WAIT;
import static org.jpcscd.ifd.virtual.FelixHarness.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jpcscd.api.Atr;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.ifd.Pps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built bundle in a real Felix with SCR, Config Admin and the Gogo runtime, and no core, so the
 * test alone drives the readers: it resolves, the nested jCardSim loads, the default reader answers
 * APDUs, configuration adds readers and the card:* commands make card events.
 */
class VirtualReaderBundleIT {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static FelixHarness felix;
    private static ServiceTracker<IfdReader, IfdReader> readers;

    @BeforeAll
    static void startFramework() throws Exception {
        felix = new FelixHarness(System.getProperty("it.storage") + "/bundle-it", FelixHarness.bundlesFromBuild());
        readers = new ServiceTracker<>(felix.context(), IfdReader.class, null);
        readers.open();
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (readers != null) {
            readers.close();
        }
        if (felix != null) {
            felix.close();
        }
    }

    @Test
    void theDefaultReaderAnswersTheDemoApplet() throws Exception {
        IfdReader reader = readers.waitForService(WAIT.toMillis());
        assertNotNull(reader, "no IfdReader service");
        assertEquals("jpcscd Virtual Reader", reader.friendlyName());
        IfdSlot slot = reader.slots().get(0);
        assertTrue(slot.isCardPresent());
        assertEquals(Protocol.T1, Atr.parse(slot.powerUp()).defaultProtocol());
        slot.setProtocol(Pps.of(Protocol.T1));
        assertArrayEquals(HEX.parseHex("9000"), slot.transmit(Protocol.T1, HEX.parseHex("00A4040008F04A504353434401")));
        assertArrayEquals(HEX.parseHex("CAFE9000"), slot.transmit(Protocol.T1, HEX.parseHex("8010000002CAFE00")));
    }

    @Test
    void configurationAddsReadersAndTheShellMakesCardEvents() throws Exception {
        assertNotNull(readers.waitForService(WAIT.toMillis()));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("readers", 2);
        felix.configure(VirtualReaderConfig.PID, properties);
        await(() -> readers.size() == 2, "a second reader after configuring two");

        IfdReader second = readerWithIndex(1);
        List<IfdSlot> events = new CopyOnWriteArrayList<>();
        second.setCardEventListener(events::add);
        assertEquals("card removed from reader 1 (jpcscd Virtual Reader 01 00)", felix.gogo("card:remove 1"));
        await(() -> events.size() == 1, "a card event from card:remove");
        assertFalse(second.slots().get(0).isCardPresent());
        assertEquals("card inserted into reader 1 (jpcscd Virtual Reader 01 00)",
                felix.gogo("card:insert \"jpcscd Virtual Reader 01 00\""));
        assertTrue(second.slots().get(0).isCardPresent());

        // A .cfg file gives strings; DS turns "1" into the one-element list.
        properties.put("cards.absent", "1");
        felix.configure(VirtualReaderConfig.PID, properties);
        await(() -> events.size() == 3, "a card event from cards.absent");
        assertFalse(second.slots().get(0).isCardPresent());

        felix.configure(VirtualReaderConfig.PID, null);
        await(() -> readers.size() == 1, "back to the default single reader");
    }

    @Test
    void stoppingTheBundleWithdrawsItsReadersAndStartingBringsThemBack() throws Exception {
        assertNotNull(readers.waitForService(WAIT.toMillis()));
        Bundle driver = felix.bundle("org.jpcscd.ifd.virtual");
        driver.stop();
        assertEquals(0, readers.size(), "stop unregisters the readers synchronously");
        driver.start();
        await(() -> readers.size() == 1, "the reader back after start");
        IfdSlot slot = readers.getService().slots().get(0);
        assertTrue(slot.isCardPresent());
        slot.powerUp();
        assertArrayEquals(HEX.parseHex("9000"), slot.transmit(Protocol.T1, HEX.parseHex("00A4040008F04A504353434401")));
    }

    private static IfdReader readerWithIndex(int index) {
        for (ServiceReference<IfdReader> reference : readers.getServiceReferences()) {
            if (Integer.valueOf(index).equals(reference.getProperty(VirtualReaders.INDEX_PROPERTY))) {
                return readers.getService(reference);
            }
        }
        throw new AssertionError("no reader " + index);
    }
}
