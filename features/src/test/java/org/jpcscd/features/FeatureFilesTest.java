package org.jpcscd.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osgi.service.feature.Feature;

/** The feature files, the features module's dependencies and the distribution's rules agree. */
class FeatureFilesTest {
    private static final List<String> ALL = FeatureFiles.names();

    @Test
    void theDaemonsFeaturesAreThere() {
        assertTrue(ALL.containsAll(List.of("core", "shell", "console", "virtual")), ALL.toString());
    }

    @Test
    void eachFeatureIsNamedAfterItsFile() {
        for (String name : ALL) {
            Feature feature = FeatureFiles.read(name);
            assertEquals("org.jpcscd", feature.getID().getGroupId(), name);
            assertEquals("osgifeature", feature.getID().getType().orElse(""), name);
            assertEquals(name, feature.getID().getClassifier().orElse(""), name);
        }
    }

    @Test
    void everyBundleAFeatureNamesIsInSystem() {
        for (FeatureFiles.Entry entry : FeatureFiles.bundles(ALL)) {
            assertTrue(Files.isRegularFile(entry.jar()),
                    entry.id() + " is named by a feature but is not a dependency of jpcscd-features");
        }
    }

    @Test
    void everyJarInSystemIsNamedByAFeature() throws IOException {
        Set<Path> named = FeatureFiles.bundles(ALL).stream()
                .map(e -> e.jar().toAbsolutePath().normalize())
                .collect(Collectors.toSet());
        Set<String> unnamed = new TreeSet<>();
        try (Stream<Path> jars = Files.walk(FeatureFiles.systemDir())) {
            jars.filter(p -> p.toString().endsWith(".jar"))
                    .filter(p -> !named.contains(p.toAbsolutePath().normalize()))
                    .forEach(p -> unnamed.add(p.getFileName().toString()));
        }
        assertEquals(Set.of(), unnamed, "dependencies of jpcscd-features that no feature names");
    }

    @Test
    void noFeatureOpensARemoteShell() {
        // gogo.shell registers gogo:telnetd; shell.remote and sshd open network shells.
        for (FeatureFiles.Entry entry : FeatureFiles.bundles(ALL)) {
            String artifact = entry.id().getArtifactId();
            assertFalse(artifact.equals("org.apache.felix.gogo.shell") || artifact.contains("shell.remote")
                    || artifact.contains("sshd"), artifact);
        }
    }

    @Test
    void theConsoleKeepsTheJlineThatGivesARealTerminal() {
        assertTrue(FeatureFiles.bundles(List.of("console")).stream()
                .anyMatch(e -> e.id().getArtifactId().equals("jline") && e.id().getVersion().equals("3.21.0")));
    }

    @Test
    void fileInstallNeverWritesConfigurationBack() {
        var properties = FeatureFiles.frameworkProperties(List.of("core"),
                java.util.Map.of("deploy.dir", "/d", "etc.dir", "/e"));
        assertEquals("false", properties.get("felix.fileinstall.enableConfigSave"));
        assertEquals("/d,/e", properties.get("felix.fileinstall.dir"));
        assertFalse(properties.containsKey("felix.fileinstall.disableConfigSave"));
    }
}
