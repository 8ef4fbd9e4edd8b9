package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jpcscd.launcher.PackagedDaemon.Result;
import org.junit.jupiter.api.Test;

/** The admin socket follows the PC/SC socket when an operator moves it through Config Admin. */
class AdminSocketMoveIT {
    @Test
    void movingThePcscSocketMovesTheAdminSocket() throws Exception {
        try (PackagedDaemon daemon = PackagedDaemon.start("core,protocol,shell,virtual")) {
            Path moved = daemon.folder.resolve("moved.comm");
            Result changed = daemon.shell("pcsc:config", "protocol", "socket.path", moved.toString());
            assertEquals(0, changed.status(), changed.toString());
            Path admin = Path.of(moved + ".admin");
            PackagedDaemon.await(() -> Files.exists(admin) && !Files.exists(daemon.adminSocket), PackagedDaemon.STEP,
                    "the admin socket at " + admin);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(admin)));

            ProcessBuilder shell = new ProcessBuilder("sh", PackagedDaemon.DIST.resolve("bin/pcscd").toString(), "shell",
                    "--socket", moved.toString(), "pcsc:status");
            Result status = PackagedDaemon.run(shell);
            assertEquals(0, status.status(), status.toString());
            assertTrue(status.out().contains("socket:       " + moved), status.toString());
            assertTrue(status.out().contains("admin socket: " + admin), status.toString());
        }
    }
}
