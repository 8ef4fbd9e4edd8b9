package org.jpcscd.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jpcscd.client.testing.DebianPcscd;
import org.jpcscd.client.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client-side auto-start with pcsc-lite's pcscd as the daemon to start (in a private mount
 * namespace, so its fixed socket path lands on ours): 20 client processes racing end with one
 * daemon, and a daemon killed with SIGKILL (leaving its socket file) is replaced by the next client.
 */
class PcscdAutoStartIT {
    @TempDir
    Path dir;

    private Path socket;
    private Path script;

    @AfterEach
    void stopDaemons() {
        daemons().forEach(ProcessHandle::destroyForcibly);
    }

    /** The pcscd processes started for this test (recognised by their private config folder). */
    private List<ProcessHandle> daemons() {
        String marker = dir.resolve("conf").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.startsWith(DebianPcscd.PCSCD.toString()) && c.contains(marker)).orElse(false))
                .toList();
    }

    private void prepare() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("vpcd"), "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:0x" + Integer.toHexString(31000 + (int) (ProcessHandle.current().pid() % 1000) * 2)
                + "\nLIBPATH " + DebianPcscd.VPCD_DRIVER + "\n");
        Files.createDirectories(Path.of("/run/pcscd"));
        socket = run.resolve("pcscd.comm");
        script = dir.resolve("start-pcscd");
        Files.writeString(script, "#!/bin/sh\n# the client passes --socket PATH; pcscd's socket is fixed, the mount puts it there\n"
                + "exec /usr/bin/unshare -m sh -c 'mount --bind \"$0\" /run/pcscd && exec \"$@\"' " + run + " "
                + DebianPcscd.PCSCD + " --foreground --auto-exit -c " + conf + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process client() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                EstablishOnce.class.getName()).redirectErrorStream(true);
        pb.environment().put("PCSCLITE_CSOCK_NAME", socket.toString());
        pb.environment().put("JPCSCD_AUTOSTART", "true");
        pb.environment().put("JPCSCD_DAEMON", script + " --socket {socket}");
        pb.environment().put("JPCSCD_AUTOSTART_TIMEOUT", "30000");
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "client finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void twentyClientsAtOnceStartExactlyOneDaemonAndAllSucceed() throws Exception {
        prepare();
        assertTrue(daemons().isEmpty());
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(client());
        }
        for (Process p : clients) {
            assertTrue(finish(p).contains("ok "));
        }
        assertEquals(1, daemons().size(), "exactly one daemon");
    }

    @Test
    void afterTheDaemonIsKilledTheNextClientStartsAFreshOne() throws Exception {
        prepare();
        assertTrue(finish(client()).contains("ok "));
        List<ProcessHandle> first = daemons();
        assertEquals(1, first.size());
        first.get(0).destroyForcibly();
        Waits.until(Duration.ofSeconds(10), "the killed daemon to be gone", () -> !first.get(0).isAlive());
        assertTrue(Files.exists(socket), "SIGKILL leaves the socket file behind");

        assertTrue(finish(client()).contains("ok "));
        List<ProcessHandle> second = daemons();
        assertEquals(1, second.size());
        assertNotEquals(first.get(0).pid(), second.get(0).pid());
    }
}
