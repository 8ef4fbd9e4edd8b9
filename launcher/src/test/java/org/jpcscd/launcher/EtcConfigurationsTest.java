package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcConfigurationsTest {
    @TempDir
    Path etc;

    @Test
    void readsPlainAndFactoryConfigurationsAsFileInstallNamesThem() throws Exception {
        Files.writeString(etc.resolve("org.jpcscd.ifd.virtual.cfg"), "# no simulated reader\nreaders = 0\nfriendly.name=Desk \n");
        Files.writeString(etc.resolve("org.example.factory-second.cfg"), "a=b\n");
        Files.writeString(etc.resolve("pcscd.conf"), "features=core\n");

        Map<String, Map<String, Object>> read = EtcConfigurations.read(etc);

        assertEquals(Map.of("readers", "0", "friendly.name", "Desk"), read.get("org.jpcscd.ifd.virtual"));
        assertEquals(Map.of("a", "b"), read.get("org.example.factory~second"));
        assertEquals(2, read.size(), "only *.cfg files are configurations");
    }

    @Test
    void aMissingFolderHasNoConfigurations() {
        assertTrue(EtcConfigurations.read(etc.resolve("absent")).isEmpty());
    }
}
