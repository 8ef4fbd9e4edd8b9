package org.jpcscd.features;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/** The core and shell features boot in a real Felix: every bundle active, their services there. */
@RunWith(PaxExam.class)
public class CoreFeaturesIT {
    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private CommandProcessor commands;

    @Configuration
    public Option[] configuration() {
        return new Option[] {FeatureBoot.features(FeatureBoot.workDir("core"), "core", "shell")};
    }

    @Test
    public void everyFeatureBundleIsActive() {
        List<Bundle> bundles = FeatureBoot.featureBundles(context);
        assertEquals(context.getProperty(FeatureBoot.BUNDLE_COUNT), Integer.toString(bundles.size()));
        for (Bundle bundle : bundles) {
            assertEquals(bundle.getSymbolicName() + " state", Bundle.ACTIVE, bundle.getState());
        }
    }

    @Test
    public void fileInstallWatchesTheFoldersTheFeatureNames() {
        String dirs = context.getProperty("felix.fileinstall.dir");
        assertTrue(dirs, dirs.endsWith("core/deploy," + FeatureBoot.workDir("core").resolve("etc")));
        assertEquals("false", context.getProperty("felix.fileinstall.enableConfigSave"));
    }

    @Test
    public void gogoRunsCommands() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = commands.createSession(System.in, print, print)) {
            // lb returns its table; the shell prints results, so a test reads the result.
            print.print(session.execute("lb"));
        }
        String listing = out.toString(StandardCharsets.UTF_8);
        assertTrue(listing, listing.contains("Apache Felix Declarative Services"));
    }

    @Test
    public void configAdminIsThereForTheComponents() throws Exception {
        configurationAdmin.getConfiguration("org.jpcscd.test", "?").update(new java.util.Hashtable<>(java.util.Map.of("k", "v")));
        assertEquals("v", configurationAdmin.getConfiguration("org.jpcscd.test", "?").getProperties().get("k"));
    }

}
