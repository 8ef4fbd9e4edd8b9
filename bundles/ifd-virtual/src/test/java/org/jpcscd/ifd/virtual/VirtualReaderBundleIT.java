package org.jpcscd.ifd.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.felix.framework.Felix;
import org.jpcscd.api.Atr;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.ifd.Pps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built bundle in a real Felix with SCR, Config Admin and the Gogo runtime: it resolves, the
 * nested jCardSim loads, the default reader answers APDUs, configuration adds readers and the card:*
 * commands make card events.
 *
 * <p>The API packages come from the test's class path through the system bundle so the test can call
 * the reader services with its own types.
 */
class VirtualReaderBundleIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static Felix felix;
    private static BundleContext context;
    private static ServiceTracker<IfdReader, IfdReader> readers;

    @BeforeAll
    static void startFramework() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, System.getProperty("it.storage"));
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "org.jpcscd.api;version=1.0.0,org.jpcscd.api.ifd;version=1.0.0,org.jpcscd.api.rm;version=1.0.0");
        felix = new Felix(config);
        felix.start();
        context = felix.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (String path : System.getProperty("it.bundles").split(",")) {
            installed.add(context.installBundle(new File(path).toURI().toString()));
        }
        for (Bundle bundle : installed) {
            bundle.start();
        }
        readers = new ServiceTracker<>(context, IfdReader.class, null);
        readers.open();
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (readers != null) {
            readers.close();
        }
        if (felix != null) {
            felix.stop();
            felix.waitForStop(WAIT.toMillis());
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
        Object configuration = configAdmin("getConfiguration", VirtualReaderConfig.PID, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("readers", 2);
        configuration.getClass().getMethod("update", java.util.Dictionary.class).invoke(configuration, properties);
        await(() -> readers.size() == 2, "a second reader after configuring two");

        IfdReader second = readerWithIndex(1);
        List<IfdSlot> events = new CopyOnWriteArrayList<>();
        second.setCardEventListener(events::add);
        assertEquals("card removed from reader 1 (jpcscd Virtual Reader 01 00)", gogo("card:remove 1"));
        await(() -> events.size() == 1, "a card event from card:remove");
        assertFalse(second.slots().get(0).isCardPresent());
        assertEquals("card inserted into reader 1 (jpcscd Virtual Reader 01 00)", gogo("card:insert \"jpcscd Virtual Reader 01 00\""));
        assertTrue(second.slots().get(0).isCardPresent());

        // A .cfg file gives strings; DS turns "1" into the one-element list.
        properties.put("cards.absent", "1");
        configuration.getClass().getMethod("update", java.util.Dictionary.class).invoke(configuration, properties);
        await(() -> events.size() == 3, "a card event from cards.absent");
        assertFalse(second.slots().get(0).isCardPresent());

        configuration.getClass().getMethod("delete").invoke(configuration);
        await(() -> readers.size() == 1, "back to the default single reader");
    }

    private static IfdReader readerWithIndex(int index) {
        for (ServiceReference<IfdReader> reference : readers.getServiceReferences()) {
            if (Integer.valueOf(index).equals(reference.getProperty(VirtualReaders.INDEX_PROPERTY))) {
                return readers.getService(reference);
            }
        }
        throw new AssertionError("no reader " + index);
    }

    /** Config Admin through reflection: its API lives in the framework, not on the test class path. */
    private static Object configAdmin(String method, String pid, String location) throws Exception {
        ServiceReference<?> reference = awaitReference("org.osgi.service.cm.ConfigurationAdmin");
        Object admin = context.getService(reference);
        return admin.getClass().getMethod(method, String.class, String.class).invoke(admin, pid, location);
    }

    /** Runs one Gogo command line and returns its value (what the console would print). */
    private static String gogo(String line) throws Exception {
        ServiceReference<?> reference = awaitReference("org.apache.felix.service.command.CommandProcessor");
        Object processor = context.getService(reference);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true);
        Object session = processor.getClass().getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                .invoke(processor, InputStream.nullInputStream(), print, print);
        Class<?> sessionType = session.getClass().getClassLoader().loadClass("org.apache.felix.service.command.CommandSession");
        Object result = sessionType.getMethod("execute", CharSequence.class).invoke(session, line);
        sessionType.getMethod("close").invoke(session);
        return String.valueOf(result);
    }

    private static ServiceReference<?> awaitReference(String className) throws InterruptedException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, className, null);
        tracker.open(true);
        try {
            if (tracker.waitForService(WAIT.toMillis()) == null) {
                fail("no " + className + " service");
            }
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.sleep(10);
        }
    }
}
