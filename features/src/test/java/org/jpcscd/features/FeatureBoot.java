package org.jpcscd.features;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ops4j.pax.exam.Option;

/** Pax Exam options that boot a real Felix from feature files, as the launcher does. */
final class FeatureBoot {
    /** Framework property: how many bundles the booted features name. */
    static final String BUNDLE_COUNT = "jpcscd.it.bundle.count";

    /** Where a test's deploy/ and etc/ folders live; fresh per configuration. */
    static Path workDir(String test) {
        Path dir = Path.of(System.getProperty("jpcscd.it.work", "target/it-work")).resolve(test).toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("deploy"));
            Files.createDirectories(dir.resolve("etc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static Option features(Path workDir, String... names) {
        List<String> features = List.of(names);
        for (String name : features) {
            // The launcher hands these to Config Admin; this provisioning does not, so say so loudly
            // rather than boot something other than what ships.
            if (!FeatureFiles.read(name).getConfigurations().isEmpty()) {
                throw new IllegalStateException("feature " + name + " has configurations, which FeatureBoot does not apply yet");
            }
        }
        List<Option> options = new ArrayList<>();
        int highest = FeatureFiles.minimumStartLevel(features);
        for (FeatureFiles.Entry entry : FeatureFiles.bundles(features)) {
            if (!Files.isRegularFile(entry.jar())) {
                throw new IllegalStateException("not in target/system: " + entry.id());
            }
            options.add(bundle("reference:" + entry.jar().toUri()).startLevel(entry.startLevel()).start(entry.start()));
            highest = Math.max(highest, entry.startLevel());
        }
        // The tests run inside the framework, where the feature files cannot be read: tell them.
        options.add(frameworkProperty(BUNDLE_COUNT).value(Integer.toString(FeatureFiles.bundles(features).size())));
        Map<String, String> variables = Map.of(
                "deploy.dir", workDir.resolve("deploy").toString(),
                "etc.dir", workDir.resolve("etc").toString(),
                "home.dir", workDir.toString());
        FeatureFiles.frameworkProperties(features, variables)
                .forEach((key, value) -> options.add(frameworkProperty(key).value(value)));
        options.add(frameworkStartLevel(highest));
        options.add(junitBundles());
        options.add(cleanCaches());
        options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("info"));
        return composite(options.toArray(new Option[0]));
    }

    /** The bundles installed from the features (they are the only ones installed by reference). */
    static java.util.List<org.osgi.framework.Bundle> featureBundles(org.osgi.framework.BundleContext context) {
        return java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getLocation().startsWith("reference:file:"))
                .toList();
    }

    private FeatureBoot() {
    }
}
