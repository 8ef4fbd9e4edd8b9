package org.jpcscd.ifd.virtual;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.util.tracker.ServiceTracker;

/**
 * An embedded Felix for the ITs. The API packages come from the test's class path through the system
 * bundle, so tests call services with their own types; Gogo and Config Admin live only inside the
 * framework and are reached by reflection.
 */
final class FelixHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Felix felix;
    private final BundleContext context;

    /** Starts a framework with the bundles (file paths) in the given order. */
    FelixHarness(String storage, List<String> bundlePaths) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage);
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "org.jpcscd.api;version=1.0.0,org.jpcscd.api.ifd;version=1.0.0,org.jpcscd.api.rm;version=1.0.0");
        felix = new Felix(config);
        felix.start();
        context = felix.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (String path : bundlePaths) {
            installed.add(context.installBundle(new File(path).toURI().toString()));
        }
        for (Bundle bundle : installed) {
            bundle.start();
        }
    }

    /** The bundles the build passed in {@code it.bundles}, plus {@code extra} system properties naming more. */
    static List<String> bundlesFromBuild(String... extraProperties) {
        List<String> paths = new ArrayList<>(List.of(System.getProperty("it.bundles").split(",")));
        for (String property : extraProperties) {
            paths.add(paths.size() - 1, System.getProperty(property));
        }
        return paths;
    }

    BundleContext context() {
        return context;
    }

    Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    <T> T awaitService(Class<T> type) throws InterruptedException {
        return type.cast(awaitService(type.getName()));
    }

    Object awaitService(String className) throws InterruptedException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, className, null);
        tracker.open(true);
        try {
            if (tracker.waitForService(WAIT.toMillis()) == null) {
                fail("no " + className + " service");
            }
            // Our own use, so the object stays valid after the tracker lets go (Config Admin is bundle-scoped).
            return context.getService(tracker.getServiceReference());
        } finally {
            tracker.close();
        }
    }

    /** Replaces the configuration of {@code pid} (null properties delete it). */
    void configure(String pid, Dictionary<String, Object> properties) throws Exception {
        Object admin = awaitService("org.osgi.service.cm.ConfigurationAdmin");
        Object configuration = admin.getClass().getMethod("getConfiguration", String.class, String.class).invoke(admin, pid, "?");
        if (properties == null) {
            configuration.getClass().getMethod("delete").invoke(configuration);
        } else {
            configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, properties);
        }
    }

    /** Runs one Gogo command line and returns its value (what the console would print). */
    String gogo(String line) throws Exception {
        Object processor = awaitService("org.apache.felix.service.command.CommandProcessor");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        Object session = processor.getClass().getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                .invoke(processor, InputStream.nullInputStream(), discard, discard);
        Class<?> sessionType = session.getClass().getClassLoader().loadClass("org.apache.felix.service.command.CommandSession");
        try {
            return String.valueOf(sessionType.getMethod("execute", CharSequence.class).invoke(session, line));
        } finally {
            sessionType.getMethod("close").invoke(session);
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        felix.stop();
        felix.waitForStop(WAIT.toMillis());
    }
}
