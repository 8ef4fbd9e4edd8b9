package org.jpcscd.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The admin socket's folder and file: nobody but the owner may reach, replace or remove it. */
final class AdminSocketFiles {
    private AdminSocketFiles() {
    }

    /**
     * Creates the folder (0755) when missing; refuses a folder anyone may write to without the sticky
     * bit, since another user could then swap the socket for their own.
     */
    static void checkFolder(Path socket) throws IOException {
        Path folder = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
        int mode = (Integer) Files.getAttribute(folder, "unix:mode");
        boolean sticky = (mode & 01000) != 0;
        if (permissions.contains(PosixFilePermission.OTHERS_WRITE) && !sticky) {
            throw new IOException("the folder " + folder + " is writable by every user; the admin socket needs a private one");
        }
    }

    /** Removes a socket left by a daemon that died; refuses when one still answers, never deletes anything else. */
    static void removeStale(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return;
        }
        if (!isSocket(socket)) {
            throw new IOException(socket + " exists and is not a socket");
        }
        try (AFUNIXSocket probe = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socket))) {
            throw new IllegalStateException("another daemon is already serving " + socket);
        } catch (IOException e) {
            Files.deleteIfExists(socket);
        }
    }

    /** Owner only (0600). */
    static void ownerOnly(Path socket) throws IOException {
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    }

    /** Whether the file is a socket (or other special file), never a regular file or folder. */
    static boolean isSocket(Path path) throws IOException {
        return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS).isOther();
    }
}
