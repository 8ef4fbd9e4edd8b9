package org.jpcscd.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built shell bundle in a real Felix with SCR, Config Admin, Gogo and the virtual reader driver:
 * the commands register, find the driver through SCR, capabilities and its services, and follow the
 * resource manager (the real core) as it comes and goes and as cards come and go.
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
        String listed = "(?s).*\\n\\d+ +org\\.jpcscd\\.ifd\\.virtual +0\\.1\\.0 +ACTIVE +jpcscd Virtual Reader 00 00\\n";
        await(() -> gogo("pcsc:drivers").matches(listed), "the virtual driver and its reader in pcsc:drivers");
        assertTrue(gogo("pcsc:drivers").startsWith("ID  DRIVER"));

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
    void readersFollowTheCoreAndTheCard() throws Exception {
        Bundle core = bundle("org.jpcscd.core");
        core.stop();
        try {
            await(() -> gogo("pcsc:readers").equals(PcscCommands.NO_RESOURCE_MANAGER), "the resource manager to be unbound");
        } finally {
            core.start();
        }
        String withCard = "(?s).*\\n0 +jpcscd Virtual Reader 00 00 +org\\.jpcscd\\.ifd\\.virtual +0 +yes .* 3B FA 18 00 00 81 31 FE 45 4A 43 4F 50 33 31 56 32 33 32 98\\n";
        await(() -> gogo("pcsc:readers").matches(withCard), "the virtual reader with its card in pcsc:readers");
        assertTrue(gogo("pcsc:readers").startsWith("#  READER"));
        assertTrue(gogo("pcsc:drivers").contains("jpcscd Virtual Reader 00 00"), "PC/SC names once the core runs");

        gogo("card:remove 0");
        try {
            await(() -> gogo("pcsc:readers").matches("(?s).*\\n0 +jpcscd Virtual Reader 00 00 +org\\.jpcscd\\.ifd\\.virtual +0 +no +ABSENT .*"),
                    "pcsc:readers to show the card gone");
        } finally {
            gogo("card:insert 0");
        }
        await(() -> gogo("pcsc:readers").matches(withCard), "the new card in pcsc:readers");
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
}
