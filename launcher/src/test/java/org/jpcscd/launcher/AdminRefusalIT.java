package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jpcscd.launcher.PackagedDaemon.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Another user cannot attach: the socket's mode keeps them out, and when a careless chmod lets them
 * reach it, the peer-credential check refuses them and the daemon logs who it was. The test creates
 * the user (it runs as root) and runs bin/pcscd shell as that user with setpriv.
 */
class AdminRefusalIT {
    private static final String USER = "jpcscd-it-other";
    private static PackagedDaemon daemon;
    private static long otherUid;

    @BeforeAll
    static void start() throws Exception {
        Result exists = PackagedDaemon.run(new ProcessBuilder("id", "-u", USER));
        if (exists.status() != 0) {
            Result created = PackagedDaemon.run(new ProcessBuilder("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
            assertEquals(0, created.status(), created.toString());
            exists = PackagedDaemon.run(new ProcessBuilder("id", "-u", USER));
        }
        otherUid = Long.parseLong(exists.out().strip());
        daemon = PackagedDaemon.start("core,protocol,shell,virtual");
        // The other user may enter the folder (not list it), as with /run/pcscd.
        Files.setPosixFilePermissions(daemon.folder, PosixFilePermissions.fromString("rwx--x--x"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static Result shellAsOtherUser() throws Exception {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--clear-groups",
                "sh", PackagedDaemon.DIST.resolve("bin/pcscd").toAbsolutePath().toString(), "shell",
                "--socket", daemon.socket.toString(), "pcsc:readers"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", "/tmp");
        return PackagedDaemon.run(builder);
    }

    @Test
    void aDaemonStartedOnDemandByAnUnprivilegedUserRefusesToTraceEvenForRoot() throws Exception {
        try (PackagedDaemon onDemand = PackagedDaemon.startAs(USER, "core,protocol,shell,virtual",
                "-D", "jpcscd.start.mode=on-demand")) {
            // Root may attach to any daemon, but not see other users' APDUs through one a user started.
            Result status = onDemand.shell("pcsc:status");
            assertTrue(status.out().contains("started:      on-demand by " + USER), status.toString());
            Result trace = onDemand.shell("pcsc:trace", "on");
            assertEquals(1, trace.status(), trace.toString());
            assertEquals("Error: APDU tracing is refused: this daemon was started on demand by an unprivileged user (uid "
                    + otherUid + ") and serves other users' clients, whose APDUs may carry PINs; "
                    + "start the daemon yourself (bin/pcscd, or as a service) to trace", trace.err().strip(), trace.toString());
            assertTrue(onDemand.shell("pcsc:trace").out().startsWith("APDU tracing: off (APDU tracing is refused"));
        }
    }

    @Test
    void theSocketModeKeepsOtherUsersOut() throws Exception {
        Result result = shellAsOtherUser();
        assertEquals(3, result.status(), result.toString());
        assertTrue(result.err().contains("permission denied on " + daemon.adminSocket), result.toString());
        assertEquals("", result.out(), result.toString());
    }

    @Test
    void anotherUidThatReachesTheSocketIsRefusedAndLogged() throws Exception {
        Files.setPosixFilePermissions(daemon.adminSocket, PosixFilePermissions.fromString("rw-rw-rw-"));
        try {
            Result result = shellAsOtherUser();
            assertEquals(77, result.status(), result.toString());
            assertEquals("jpcscd: access denied: uid " + otherUid + " may not administer this daemon; only its owner (uid 0) and root may attach",
                    result.err().strip(), result.toString());
            assertEquals("", result.out(), "no command ran: " + result);
            daemon.log.await(line -> line.contains("Refused an admin shell connection from pid ")
                    && line.contains(" uid " + otherUid + ": only uid 0 and root may attach"), Duration.ofSeconds(10));
        } finally {
            Files.setPosixFilePermissions(daemon.adminSocket, PosixFilePermissions.fromString("rw-------"));
        }
        // The daemon carries on for its owner.
        assertEquals(0, daemon.shell("pcsc:readers").status());
    }
}
