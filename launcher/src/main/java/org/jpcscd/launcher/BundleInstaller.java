package org.jpcscd.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the features' bundles from {@code system/} in order, gives each its start level and marks
 * every non-fragment for start, so the framework starts them level by level when it starts.
 */
final class BundleInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(BundleInstaller.class);

    private final Framework framework;
    private final MavenRepository repository;
    private final List<Bundle> installed = new ArrayList<>();

    BundleInstaller(Framework framework, MavenRepository repository) {
        this.framework = framework;
        this.repository = repository;
    }

    void installAll(List<FeatureSet.LaunchBundle> bundles) throws BundleException {
        for (FeatureSet.LaunchBundle wanted : bundles) {
            Path jar = repository.resolve(wanted.id());
            if (!Files.isRegularFile(jar)) {
                throw new LaunchException("bundle " + wanted.id() + " of feature '" + wanted.feature()
                        + "' is not in " + repository.root());
            }
            // reference: leaves the jar where it is instead of copying it into the cache.
            Bundle bundle = framework.getBundleContext().installBundle("reference:" + jar.toUri());
            bundle.adapt(BundleStartLevel.class).setStartLevel(wanted.startLevel());
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
            installed.add(bundle);
            LOG.debug("installed {} at start level {}", bundle.getSymbolicName(), wanted.startLevel());
        }
    }

    /** One warning per bundle that should be active and is not (the framework logged why). */
    void reportInactive() {
        for (Bundle bundle : installed) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                LOG.warn("bundle {} {} is not active (state {})", bundle.getSymbolicName(), bundle.getVersion(),
                        bundle.getState());
            }
        }
    }
}
