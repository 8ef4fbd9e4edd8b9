package org.jpcscd.driver.ccid;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/** A throw-away Felix framework for the integration tests. */
final class FelixFramework implements AutoCloseable {
    private final Framework framework;
    private final Path storage;

    FelixFramework(String systemPackagesExtra) throws IOException, BundleException {
        storage = Files.createTempDirectory("felix-it");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        if (systemPackagesExtra != null) {
            config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackagesExtra);
        }
        framework = new org.apache.felix.framework.FrameworkFactory().newFramework(config);
        framework.start();
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Installs a bundle from the ITs' bundle folder ({@code it.bundles}) by artifact id. */
    Bundle install(String artifactId) throws BundleException {
        return installFile(new File(System.getProperty("it.bundles"), artifactId + ".jar"));
    }

    Bundle installFile(File jar) throws BundleException {
        return context().installBundle(jar.toURI().toString());
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
