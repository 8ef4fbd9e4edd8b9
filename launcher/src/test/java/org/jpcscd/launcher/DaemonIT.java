package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/** The launcher in this JVM against the packaged distribution, looking inside the framework it starts. */
class DaemonIT {
    private static final Path DIST = Path.of(System.getProperty("jpcscd.dist", "target/jpcscd")).toAbsolutePath();

    @TempDir
    Path runtime;

    private Settings settings(String... features) {
        Settings settings = new Settings();
        settings.home = DIST;
        settings.runtimeDirectory = runtime.resolve("jpcscd");
        settings.foreground = true;
        settings.exitAfterStart = true;
        settings.features = List.of(features);
        return settings;
    }

    @Test
    void bundlesStartAtTheirFeaturesStartLevelsWithTheDistributionsFolders() {
        Map<String, Integer> levels = new HashMap<>();
        Map<String, Integer> states = new HashMap<>();
        AtomicReference<String> watched = new AtomicReference<>();
        AtomicReference<Integer> frameworkLevel = new AtomicReference<>();
        int status = new Daemon(settings("core", "shell"), framework -> {
            for (Bundle bundle : framework.getBundleContext().getBundles()) {
                levels.put(bundle.getSymbolicName(), bundle.adapt(BundleStartLevel.class).getStartLevel());
                states.put(bundle.getSymbolicName(), bundle.getState());
            }
            watched.set(framework.getBundleContext().getProperty("felix.fileinstall.dir"));
            frameworkLevel.set(framework.adapt(FrameworkStartLevel.class).getStartLevel());
        }).run();

        assertEquals(0, status);
        assertEquals(1, levels.get("org.apache.felix.configadmin"));
        assertEquals(2, levels.get("org.apache.felix.scr"));
        assertEquals(2, levels.get("org.jpcscd.api"), "with SCR, in the socket path");
        assertEquals(3, levels.get("org.jpcscd.shell"), "after the socket path");
        assertEquals(5, levels.get("org.apache.felix.fileinstall"));
        assertEquals(5, frameworkLevel.get());
        states.forEach((name, state) -> assertEquals(Bundle.ACTIVE, state, name));
        assertEquals(DIST.resolve("deploy") + "," + DIST.resolve("etc"), watched.get());
        assertTrue(levels.keySet().stream().noneMatch(n -> n.contains("jline")), "no console without a terminal");
    }

    @Test
    void setOptionsReachConfigAdminBeforeComponentsStart() {
        Settings settings = settings("core");
        settings.configure("org.jpcscd.test", "answer", "42");
        AtomicReference<Object> answer = new AtomicReference<>();
        int status = new Daemon(settings, framework -> answer.set(configuration(framework, "org.jpcscd.test").get("answer"))).run();
        assertEquals(0, status);
        assertEquals("42", answer.get());
    }

    @Test
    void aFeatureNamingAMissingBundleFailsTheStart() throws Exception {
        Path feature = runtime.resolve("broken.json");
        Files.createDirectories(runtime);
        Files.writeString(feature, """
                { "id": "org.jpcscd:jpcscd-features:osgifeature:broken:0.1.0",
                  "bundles": [ { "id": "org.example:not-there:1.0" } ] }
                """);
        assertEquals(1, new Daemon(settings("core", feature.toString())).run());
    }

    @Test
    void aTemporaryCacheIsRemovedAfterwards() {
        Settings settings = settings("core");
        settings.runtimeDirectory = null;
        AtomicReference<Path> cache = new AtomicReference<>();
        assertEquals(0, new Daemon(settings, framework ->
                cache.set(Path.of(framework.getBundleContext().getProperty("org.osgi.framework.storage")))).run());
        assertNotNull(cache.get());
        assertTrue(Files.notExists(cache.get()), cache.get() + " left behind");
    }

    /** Config Admin lives in the framework's class space: reach it reflectively, as the launcher does. */
    private static Dictionary<?, ?> configuration(Framework framework, String pid) {
        try {
            BundleContext context = framework.getBundleContext();
            ServiceReference<?> reference = context.getAllServiceReferences(ConfigAdminBridge.CONFIGURATION_ADMIN, null)[0];
            Object admin = context.getService(reference);
            Object configuration = admin.getClass().getMethod("getConfiguration", String.class, String.class)
                    .invoke(admin, pid, "?");
            var getProperties = configuration.getClass().getMethod("getProperties");
            getProperties.setAccessible(true);
            return (Dictionary<?, ?>) getProperties.invoke(configuration);
        } catch (ReflectiveOperationException | org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
