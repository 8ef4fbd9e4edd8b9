package org.jpcscd.client.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jpcscd.client.EstablishOnce;
import org.jpcscd.client.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auto-start of jpcscd's bin/pcscd by the client: 20 client processes establishing a context at
 * the same moment, with no daemon, end with exactly one daemon and 20 successes; after a SIGKILL
 * of that daemon the next client starts a fresh one.
 */
class JpcscdAutoStartIT {
    private Path dir;
    private Path socket;

    @BeforeEach
    void freshSocket() throws Exception {
        dir = Files.createTempDirectory("jpcscd-autostart");
        socket = dir.resolve("pcscd.comm");
    }

    @AfterEach
    void stopDaemons() {
        Distribution.daemonsOn(socket).forEach(ProcessHandle::destroyForcibly);
    }

    private Process client() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                EstablishOnce.class.getName()).redirectErrorStream(true);
        pb.environment().put("PCSCLITE_CSOCK_NAME", socket.toString());
        pb.environment().put("JPCSCD_HOME", JpcscdDaemon.distribution().toString());
        pb.environment().put("JPCSCD_AUTOSTART", "true");
        pb.environment().put("JPCSCD_AUTOSTART_TIMEOUT", "60000");
        pb.environment().put("XDG_RUNTIME_DIR", dir.toString());
        String command = Distribution.daemonCommand();
        if (command != null) {
            pb.environment().put("JPCSCD_DAEMON", command);
        } else {
            pb.environment().remove("JPCSCD_DAEMON");
        }
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "client finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void twentyClientsAtOnceStartExactlyOneDaemonAndAllSucceed() throws Exception {
        assertTrue(Distribution.daemonsOn(socket).isEmpty());
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(client());
        }
        int ok = 0;
        for (Process p : clients) {
            ok += finish(p).contains("ok ") ? 1 : 0;
        }
        assertEquals(20, ok);
        assertEquals(1, Distribution.daemonsOn(socket).size(), "exactly one daemon");
    }

    @Test
    void afterTheDaemonIsKilledTheNextClientStartsAFreshOne() throws Exception {
        assertTrue(finish(client()).contains("ok "));
        List<ProcessHandle> first = Distribution.daemonsOn(socket);
        assertEquals(1, first.size());
        first.get(0).destroyForcibly();
        Waits.until(Duration.ofSeconds(10), "the killed daemon to be gone", () -> !first.get(0).isAlive());
        assertTrue(Files.exists(socket), "SIGKILL leaves the socket file behind");

        assertTrue(finish(client()).contains("ok "));
        List<ProcessHandle> second = Distribution.daemonsOn(socket);
        assertEquals(1, second.size());
        assertNotEquals(first.get(0).pid(), second.get(0).pid());
    }
}
