package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureSetTest {
    @TempDir
    Path dir;

    private Path feature(String name, String body) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, "{ \"feature-resource-version\": \"1.0\", \"id\": \"org.jpcscd:jpcscd-features:osgifeature:"
                + name + ":0.1.0\", " + body + " }");
        return file;
    }

    @Test
    void bundlesKeepTheirOrderAndStartLevels() throws IOException {
        Path a = feature("a", """
                "bundles": [ { "id": "g:one:1.0", "bundleStartLevel": 1 }, { "id": "g:two:2.0" } ],
                "extensions": { "bundle-start-levels": { "type": "json", "kind": "optional",
                    "json": { "defaultStartLevel": 3, "minimumStartLevel": 4 } } }
                """);
        Path b = feature("b", """
                "bundles": [ { "id": "g:two:2.0", "bundleStartLevel": 9 }, { "id": "g:three:3.0:jar:natives" } ]
                """);
        FeatureSet set = FeatureSet.read(List.of(a, b), Map.of());
        List<FeatureSet.LaunchBundle> bundles = set.bundles();
        assertEquals(List.of("g:one:1.0", "g:two:2.0", "g:three:3.0:jar:natives"),
                bundles.stream().map(x -> x.id().toString()).toList());
        assertEquals(List.of(1, 3, 1), bundles.stream().map(FeatureSet.LaunchBundle::startLevel).toList());
        assertEquals(List.of("a", "a", "b"), bundles.stream().map(FeatureSet.LaunchBundle::feature).toList());
        assertEquals(4, set.beginningStartLevel());
    }

    @Test
    void theBeginningStartLevelReachesTheHighestBundle() throws IOException {
        Path a = feature("a", "\"bundles\": [ { \"id\": \"g:one:1.0\", \"bundleStartLevel\": 7 } ]");
        assertEquals(7, FeatureSet.read(List.of(a), Map.of()).beginningStartLevel());
    }

    @Test
    void frameworkPropertiesGetVariablesFromTheLauncherBeforeTheirDefaults() throws IOException {
        Path a = feature("a", """
                "variables": { "deploy.dir": null, "poll": 500 },
                "bundles": [],
                "extensions": { "framework-launching-properties": { "type": "json", "kind": "mandatory",
                    "json": { "felix.fileinstall.dir": "${deploy.dir}", "felix.fileinstall.poll": "${poll}", "n": 3 } } }
                """);
        FeatureSet set = FeatureSet.read(List.of(a), Map.of("deploy.dir", "/opt/jpcscd/deploy"));
        assertEquals(Map.of("felix.fileinstall.dir", "/opt/jpcscd/deploy", "felix.fileinstall.poll", "500", "n", "3"),
                set.frameworkProperties());
    }

    @Test
    void aVariableWithoutValueIsAnError() throws IOException {
        Path a = feature("a", """
                "variables": { "deploy.dir": null },
                "bundles": [],
                "extensions": { "framework-launching-properties": { "type": "json", "kind": "mandatory",
                    "json": { "felix.fileinstall.dir": "${deploy.dir}" } } }
                """);
        LaunchException e = assertThrows(LaunchException.class, () -> FeatureSet.read(List.of(a), Map.of()));
        assertTrue(e.getMessage().contains("deploy.dir"), e.getMessage());
    }

    @Test
    void configurationsAreTypedAndALaterFeatureReplacesAnEarlierOne() throws IOException {
        Path a = feature("a", """
                "bundles": [],
                "configurations": { "org.jpcscd.core": { "poll.ms:Integer": 250, "name": "x" },
                                    "org.jpcscd.ifd.virtual~second": { "readers:Integer": 2 } }
                """);
        Path b = feature("b", """
                "bundles": [],
                "configurations": { "org.jpcscd.core": { "poll.ms:Integer": 100 } }
                """);
        FeatureSet set = FeatureSet.read(List.of(a, b), Map.of());
        assertEquals(Map.of("poll.ms", 100), set.configurations().get("org.jpcscd.core"));
        assertEquals(Map.of("readers", 2), set.configurations().get("org.jpcscd.ifd.virtual~second"));
    }

    @Test
    void aBrokenFileNamesItself() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ \"bundles\": [ ");
        LaunchException e = assertThrows(LaunchException.class, () -> FeatureSet.read(List.of(broken), Map.of()));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    }
}
