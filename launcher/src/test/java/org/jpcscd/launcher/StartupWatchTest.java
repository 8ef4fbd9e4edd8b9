package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

class StartupWatchTest {
    @TempDir
    Path cache;

    private Framework framework() throws Exception {
        Framework framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, cache.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.init();
        return framework;
    }

    @Test
    void seesTheFrameworkReachItsStartLevel() throws Exception {
        Framework framework = framework();
        try {
            StartupWatch watch = StartupWatch.on(framework);
            framework.start();
            assertTrue(watch.await(Duration.ofSeconds(30)));
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void aStopBeforeTheStartLevelIsReachedEndsTheWaitAtOnce() throws Exception {
        // A SIGTERM while bundles are still starting stops the framework before STARTED is ever
        // fired; the launcher must not wait out its whole start-up deadline then.
        Framework framework = framework();
        StartupWatch watch = StartupWatch.on(framework);
        framework.stop();
        boolean started = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> watch.await(Duration.ofMinutes(5)));
        assertFalse(started);
        framework.waitForStop(10_000);
    }
}
