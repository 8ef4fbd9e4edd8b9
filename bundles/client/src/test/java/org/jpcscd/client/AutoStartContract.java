package org.jpcscd.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jpcscd.client.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client-side auto-start, whichever daemon it starts: 20 client processes establishing a context at
 * the same moment, with no daemon, end with exactly one daemon and 20 successes; after a SIGKILL of
 * that daemon (which leaves its socket file behind) the next client starts a fresh one.
 */
public abstract class AutoStartContract {
    /** The socket the clients use, with no daemon on it yet. */
    protected abstract Path socket();

    /** The daemon processes serving this test's socket. */
    protected abstract List<ProcessHandle> daemons();

    /** Adds what a client process needs to start this daemon (JPCSCD_DAEMON, JPCSCD_HOME...). */
    protected abstract void configureClient(Map<String, String> environment) throws Exception;

    @AfterEach
    void stopDaemons() {
        daemons().forEach(ProcessHandle::destroyForcibly);
    }

    private Process client() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                EstablishOnce.class.getName()).redirectErrorStream(true);
        pb.environment().put("PCSCLITE_CSOCK_NAME", socket().toString());
        pb.environment().put("JPCSCD_AUTOSTART", "true");
        // Generous: 20 JVMs and a daemon start at once on a shared machine.
        pb.environment().put("JPCSCD_AUTOSTART_TIMEOUT", "60000");
        configureClient(pb.environment());
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
        assertTrue(daemons().isEmpty());
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(client());
        }
        int ok = 0;
        for (Process p : clients) {
            ok += finish(p).contains("ok ") ? 1 : 0;
        }
        assertEquals(20, ok);
        assertEquals(1, daemons().size(), "exactly one daemon");
    }

    @Test
    void afterTheDaemonIsKilledTheNextClientStartsAFreshOne() throws Exception {
        assertTrue(finish(client()).contains("ok "));
        List<ProcessHandle> first = daemons();
        assertEquals(1, first.size());
        first.get(0).destroyForcibly();
        Waits.until(Duration.ofSeconds(10), "the killed daemon to be gone", () -> !first.get(0).isAlive());
        assertTrue(Files.exists(socket()), "SIGKILL leaves the socket file behind");

        assertTrue(finish(client()).contains("ok "));
        List<ProcessHandle> second = daemons();
        assertEquals(1, second.size());
        assertNotEquals(first.get(0).pid(), second.get(0).pid());
    }
}
