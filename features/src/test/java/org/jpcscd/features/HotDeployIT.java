package org.jpcscd.features;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.api.rm.ResourceManager;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

/**
 * Without the virtual feature, the ifd-virtual jar dropped into the FileInstall-watched folder becomes
 * a reader without a restart, and deleting the file removes it.
 */
@RunWith(PaxExam.class)
public class HotDeployIT {
    private static final String DRIVER_JAR = "jpcscd.it.driver.jar";

    @Inject
    private BundleContext context;

    @Inject
    private ResourceManager resourceManager;

    @Configuration
    public Option[] configuration() throws IOException {
        Path work = FeatureBoot.workDir("hot-deploy");
        try (Stream<Path> left = Files.list(work.resolve("deploy"))) {
            for (Path file : left.toList()) {
                Files.delete(file);
            }
        }
        // The driver to drop: the jar the virtual feature names, straight from system/.
        List<FeatureFiles.Entry> virtual = FeatureFiles.bundles(List.of("virtual"));
        assertEquals(1, virtual.size());
        return new Option[] {
            FeatureBoot.features(work, "core", "shell"),
            frameworkProperty(DRIVER_JAR).value(virtual.get(0).jar().toAbsolutePath().toString())
        };
    }

    @Test
    public void aDriverDroppedIntoDeployBecomesAReaderAndLeavesWithItsFile() throws Exception {
        assertTrue("nothing provides a reader yet", resourceManager.readers().isEmpty());
        Path deploy = Path.of(context.getProperty("felix.fileinstall.dir").split(",")[0]);
        Path staged = deploy.resolveSibling("ifd-virtual.jar");
        Path dropped = deploy.resolve("ifd-virtual.jar");

        // Appear whole: copy beside the folder, then move in.
        Files.copy(Path.of(context.getProperty(DRIVER_JAR)), staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, dropped, StandardCopyOption.ATOMIC_MOVE);
        List<ReaderStatus> readers = Readers.await(resourceManager, "a reader from the dropped driver",
                Readers.oneWithCard(VirtualReaderIT.READER));
        assertEquals(VirtualReaderIT.DRIVER, readers.get(0).driver());

        Bundle driver = null;
        for (Bundle bundle : context.getBundles()) {
            if (VirtualReaderIT.DRIVER.equals(bundle.getSymbolicName())) {
                driver = bundle;
            }
        }
        assertTrue("FileInstall installed the dropped jar", driver != null);
        long driverId = driver.getBundleId();
        CountDownLatch uninstalled = new CountDownLatch(1);
        BundleListener listener = event -> {
            if (event.getType() == BundleEvent.UNINSTALLED && event.getBundle().getBundleId() == driverId) {
                uninstalled.countDown();
            }
        };
        context.addBundleListener(listener);
        try {
            Files.delete(dropped);
            Readers.await(resourceManager, "no reader once the file is gone", Readers.none());
            assertTrue("uninstalled with its file",
                    driver.getState() == Bundle.UNINSTALLED
                            || uninstalled.await(Readers.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            context.removeBundleListener(listener);
        }
    }
}
