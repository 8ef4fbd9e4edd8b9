package org.jpcscd.ifd.vpcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.ifd.IfdSlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built bundle in a real Felix with SCR and Config Admin: the reader service appears, is
 * configured through its PID, and reconfiguring it moves the slots to the new port.
 */
class VpcdBundleIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Framework framework;
    private ServiceTracker<IfdReader, IfdReader> readers;

    @BeforeEach
    void startFramework() throws Exception {
        File storage = new File(System.getProperty("it.work", "target/it-work"), "felix");
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.getPath(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                // the test talks to the services with its own copies of these API classes
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "org.jpcscd.api;version=1.0.0,org.jpcscd.api.ifd;version=1.0.0,org.osgi.service.cm;version=1.6.1"));
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        for (String path : System.getProperty("it.bundles").split(",")) {
            bundles.add(context.installBundle(new File(path).toURI().toString()));
        }
        framework.start();
        for (Bundle bundle : bundles) {
            bundle.start();
        }
        readers = new ServiceTracker<>(context, IfdReader.class, null);
        readers.open();
    }

    @AfterEach
    void stopFramework() throws Exception {
        readers.close();
        framework.stop();
        framework.waitForStop(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void theConfiguredReaderServesTheEchoCardAndFollowsReconfiguration() throws Exception {
        BundleContext context = framework.getBundleContext();
        ConfigurationAdmin configAdmin = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        Configuration configuration = configAdmin.getConfiguration(VpcdConfig.PID, "?");

        int firstPort = freePort();
        configuration.update(properties(firstPort));
        IfdReader reader = awaitReaderOn(firstPort);
        assertEquals("Virtual PCD", reader.friendlyName());
        assertEquals(1, reader.slots().size());
        assertTrue(reader.reportsCardEvents());
        assertCardServed(reader, firstPort);

        int secondPort = freePort();
        configuration.update(properties(secondPort));
        IfdReader moved = awaitReaderOn(secondPort);
        assertCardServed(moved, secondPort);
        // the old port was given back when the component was reconfigured
        new ServerSocket(firstPort, 1, InetAddress.getLoopbackAddress()).close();
    }

    private static Dictionary<String, Object> properties(int port) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("port", port);
        properties.put("slots", 1);
        return properties;
    }

    /** Waits for the reader service whose configuration says {@code port}. */
    private IfdReader awaitReaderOn(int port) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            int count = readers.getTrackingCount();
            ServiceReference<IfdReader>[] refs = readers.getServiceReferences();
            if (refs != null) {
                for (ServiceReference<IfdReader> ref : refs) {
                    if (Integer.valueOf(port).equals(ref.getProperty("port"))
                            && "Virtual PCD".equals(ref.getProperty(IfdReader.FRIENDLY_NAME))) {
                        IfdReader reader = readers.getService(ref);
                        assertNotNull(reader);
                        return reader;
                    }
                }
            }
            // wait for the tracker to see a change (there is no blocking "wait for change" call)
            synchronized (this) {
                while (readers.getTrackingCount() == count && System.nanoTime() < deadline) {
                    wait(20);
                }
            }
        }
        throw new AssertionError("no Virtual PCD reader on port " + port + " within " + WAIT);
    }

    private static void assertCardServed(IfdReader reader, int port) throws Exception {
        SlotEvents events = new SlotEvents();
        IfdSlot slot = reader.slots().get(0);
        reader.setCardEventListener(events::cardEvent);
        try (EchoCard card = EchoCard.start(port)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!slot.isCardPresent()) {
                assertTrue(System.nanoTime() < deadline, "no card on port " + port);
                events.awaitAny(Duration.ofMillis(200));
            }
            assertArrayEquals(HexFormat.of().parseHex("3B80800101"), slot.powerUp());
        } finally {
            reader.setCardEventListener(null);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
