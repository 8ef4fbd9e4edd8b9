package org.jpcscd.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.felix.framework.Felix;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.Scope;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ClientInfo;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.api.rm.ResourceManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built shell bundle in a real Felix with SCR, Config Admin, Gogo and the virtual reader driver:
 * the commands register, find the driver through SCR, capabilities and its services, and follow the
 * resource manager as it comes and goes. The core is another bundle, so a minimal resource manager
 * stands in for it here; the features' Pax Exam tests run the real one.
 */
class PcscCommandsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Felix felix;
    private static BundleContext context;

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
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (felix != null) {
            felix.stop();
            felix.waitForStop(WAIT.toMillis());
        }
    }

    @Test
    void driversShowTheVirtualDriverWithAndWithoutReaders() throws Exception {
        await(() -> gogo("pcsc:drivers").contains("jpcscd Virtual Reader"), "the virtual reader in pcsc:drivers");
        String drivers = gogo("pcsc:drivers");
        assertTrue(drivers.startsWith("ID  DRIVER"), drivers);
        assertTrue(drivers.matches("(?s).*\\n\\d+ +org\\.jpcscd\\.ifd\\.virtual +0\\.1\\.0 +ACTIVE +jpcscd Virtual Reader\\n"), drivers);

        Bundle virtual = bundle("org.jpcscd.ifd.virtual");
        virtual.stop();
        try {
            assertTrue(gogo("pcsc:drivers").matches("(?s).*org\\.jpcscd\\.ifd\\.virtual +0\\.1\\.0 +RESOLVED +none\\n"),
                    "a stopped driver still shows, from its declared capability");
        } finally {
            virtual.start();
        }
    }

    @Test
    void readersFollowTheResourceManager() throws Exception {
        assertEquals(PcscCommands.NO_RESOURCE_MANAGER, gogo("pcsc:readers"));
        ReaderStatus reader = new ReaderStatus(0, "jpcscd Virtual Reader 00 00", "org.jpcscd.ifd.virtual", 1,
                CardStateBits.PRESENT | CardStateBits.POWERED, 0, new byte[] {0x3B, 0x00}, Protocol.T1, false);
        ServiceRegistration<ResourceManager> registration =
                context.registerService(ResourceManager.class, new FixedReaders(List.of(reader)), new Hashtable<>());
        try {
            await(() -> !gogo("pcsc:readers").equals(PcscCommands.NO_RESOURCE_MANAGER), "the resource manager to be bound");
            assertEquals(ReaderTable.format(List.of(reader)), gogo("pcsc:readers"));
            assertTrue(gogo("pcsc:drivers").contains("jpcscd Virtual Reader 00 00"), "PC/SC names once the core runs");
        } finally {
            registration.unregister();
        }
        await(() -> gogo("pcsc:readers").equals(PcscCommands.NO_RESOURCE_MANAGER), "the resource manager to be unbound");
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** Runs one Gogo command line and returns its value; Gogo's API lives in the framework, hence reflection. */
    private static String gogo(String line) {
        try {
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, "org.apache.felix.service.command.CommandProcessor", null);
            tracker.open(true);
            Object processor;
            try {
                processor = tracker.waitForService(WAIT.toMillis());
            } finally {
                tracker.close();
            }
            if (processor == null) {
                fail("no Gogo CommandProcessor");
            }
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            Object session = processor.getClass().getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                    .invoke(processor, InputStream.nullInputStream(), discard, discard);
            Class<?> sessionType = session.getClass().getClassLoader().loadClass("org.apache.felix.service.command.CommandSession");
            try {
                return String.valueOf(sessionType.getMethod("execute", CharSequence.class).invoke(session, line));
            } finally {
                sessionType.getMethod("close").invoke(session);
            }
        } catch (ReflectiveOperationException | InterruptedException e) {
            throw new AssertionError("gogo " + line + ": " + e, e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Stands in for the core: only the reader list is used by the shell. */
    private record FixedReaders(List<ReaderStatus> readers) implements ResourceManager {
        @Override
        public long stateGeneration() {
            return 0;
        }

        @Override
        public CompletableFuture<Long> awaitStateChange(long knownGeneration) {
            return new CompletableFuture<>();
        }

        @Override
        public ClientContext establishContext(ClientInfo client, Scope scope) {
            throw new UnsupportedOperationException("not needed by the shell");
        }

        @Override
        public List<ClientContext> contexts() {
            return List.of();
        }
    }
}
