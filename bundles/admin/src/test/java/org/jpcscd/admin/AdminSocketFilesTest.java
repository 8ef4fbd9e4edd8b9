package org.jpcscd.admin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminSocketFilesTest {
    @TempDir
    Path folder;

    @Test
    void aFolderEveryoneMayWriteToIsRefusedUnlessSticky() throws Exception {
        Path open = Files.createDirectory(folder.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException refused = assertThrows(IOException.class, () -> AdminSocketFiles.checkFolder(open.resolve("pcscd.comm.admin")));
        assertTrue(refused.getMessage().contains("writable by every user"), refused.getMessage());

        // /tmp's mode: others cannot remove or replace what they do not own.
        Path sticky = Files.createDirectory(folder.resolve("sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        assertDoesNotThrow(() -> AdminSocketFiles.checkFolder(sticky.resolve("pcscd.comm.admin")));
    }

    @Test
    void aMissingFolderIsCreatedReadableNotWritableByOthers() throws Exception {
        Path socket = folder.resolve("run/pcscd/pcscd.comm.admin");
        AdminSocketFiles.checkFolder(socket);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    }

    @Test
    void aRegularFileWhereTheSocketGoesIsNeverDeleted() throws Exception {
        Path file = Files.writeString(folder.resolve("pcscd.comm.admin"), "precious");
        assertThrows(IOException.class, () -> AdminSocketFiles.removeStale(file));
        assertEquals("precious", Files.readString(file));
        assertFalse(AdminSocketFiles.isSocket(file));
    }

    @Test
    void onlyTheOwnerAndRootAreAdmitted() {
        PeerPolicy policy = new PeerPolicy(1000);
        assertTrue(policy.admits(1000));
        assertTrue(policy.admits(0));
        assertFalse(policy.admits(1001));
        assertFalse(policy.admits(-1), "unknown credentials");
    }

    @Test
    void theAdminSocketDefaultsToThePcscSocketWithAdminAppended() {
        assertEquals(Path.of("/run/pcscd/pcscd.comm.admin"), AdminServer.socketPath("", null));
        assertEquals(Path.of("/tmp/x/pcscd.comm.admin"), AdminServer.socketPath("", "/tmp/x/pcscd.comm"));
        assertEquals(Path.of("/tmp/admin.sock"), AdminServer.socketPath("/tmp/admin.sock", "/tmp/x/pcscd.comm"));
    }
}
