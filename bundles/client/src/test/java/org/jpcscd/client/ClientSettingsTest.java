package org.jpcscd.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsTest {
    @TempDir
    Path dir;

    private Properties props(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("user.home", dir.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void pcscdsDefaultSocketAndTheSameVariableAsLibpcsclite() {
        assertEquals(ClientSettings.DEFAULT_SOCKET, ClientSettings.fromSources(props(), Map.of()).socket());
        assertEquals(Path.of("/tmp/x.comm"),
                ClientSettings.fromSources(props(), Map.of("PCSCLITE_CSOCK_NAME", "/tmp/x.comm")).socket());
    }

    @Test
    void systemPropertyBeatsEnvironmentBeatsConfigFile() throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "socket=/tmp/file.comm\nautostart=false\ndaemon=/opt/d --socket {socket}\nautostart.timeout=2500\n");
        Map<String, String> env = Map.of("JPCSCD_CLIENT_CONFIG", config.toString());
        ClientSettings fromFile = ClientSettings.fromSources(props(), env);
        assertEquals(Path.of("/tmp/file.comm"), fromFile.socket());
        assertFalse(fromFile.autoStart());
        assertEquals(List.of("/opt/d", "--socket", "/tmp/file.comm"), fromFile.resolvedDaemonCommand());
        assertEquals(Duration.ofMillis(2500), fromFile.startTimeout());

        Map<String, String> env2 = Map.of("JPCSCD_CLIENT_CONFIG", config.toString(), "PCSCLITE_CSOCK_NAME", "/tmp/env.comm",
                "JPCSCD_AUTOSTART", "true");
        assertEquals(Path.of("/tmp/env.comm"), ClientSettings.fromSources(props(), env2).socket());
        assertTrue(ClientSettings.fromSources(props(), env2).autoStart());
        assertEquals(Path.of("/tmp/prop.comm"),
                ClientSettings.fromSources(props(ClientSettings.SOCKET_PROPERTY, "/tmp/prop.comm"), env2).socket());
    }

    @Test
    void theDistributionsDaemonIsTheDefaultCommand() throws Exception {
        Path home = dir.resolve("dist");
        Path script = Files.createDirectories(home.resolve("bin")).resolve("pcscd");
        Files.writeString(script, "#!/bin/sh\n");
        script.toFile().setExecutable(true);
        ClientSettings s = ClientSettings.fromSources(props(), Map.of("JPCSCD_HOME", home.toString(),
                "PCSCLITE_CSOCK_NAME", "/tmp/s.comm"));
        assertEquals(List.of(script.toString(), "--foreground", "--socket", "/tmp/s.comm", "--auto-exit",
                "--define", "jpcscd.start.mode=on-demand"),
                s.resolvedDaemonCommand());
    }

    @Test
    void autoStartIsOffOnlyWhenSwitchedOff() {
        for (String on : List.of("true", "1", "yes", "on", "TRUE")) {
            assertTrue(ClientSettings.fromSources(props(), Map.of("JPCSCD_AUTOSTART", on)).autoStart(), on);
        }
        for (String off : List.of("false", "0", "no", "off", "False")) {
            assertFalse(ClientSettings.fromSources(props(), Map.of("JPCSCD_AUTOSTART", off)).autoStart(), off);
        }
    }

    @Test
    void aMalformedTimeoutFallsBackToTheDefaultInsteadOfFailingEveryCall() {
        for (String bad : List.of("10s", "-5", "lots")) {
            assertEquals(Duration.ofSeconds(10),
                    ClientSettings.fromSources(props(), Map.of("JPCSCD_AUTOSTART_TIMEOUT", bad)).startTimeout(), bad);
        }
    }
}
