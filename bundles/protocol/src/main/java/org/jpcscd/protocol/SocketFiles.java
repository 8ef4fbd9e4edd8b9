package org.jpcscd.protocol;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The socket's folder and file, with the modes pcscd gives them. */
final class SocketFiles {
    private SocketFiles() {
    }

    /** Creates the socket's folder with mode 0755 when it does not exist yet (an existing one is left alone). */
    static void prepareFolder(Path socket) throws IOException {
        Path folder = socket.toAbsolutePath().getParent();
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        Files.createDirectories(folder.getParent());
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        // Explicitly, because the umask may have taken bits away at creation.
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Removes a socket file left behind by a daemon that died; refuses to start when a daemon still
     * answers on it (pcscd: "Another pcscd seems to be running").
     */
    static void removeStale(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isRegularFile(socket, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(socket, LinkOption.NOFOLLOW_LINKS)
                || Files.isSymbolicLink(socket)) {
            // Only ever remove a socket: a misconfigured path must not cost someone their file.
            throw new IOException(socket + " exists and is not a socket");
        }
        try (AFUNIXSocket probe = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socket))) {
            throw new IOException("another daemon is already serving " + socket);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("another daemon")) {
                throw e;
            }
            Files.deleteIfExists(socket);
        }
    }

    /** Every local user may connect, as with pcscd (mode 0666). */
    static void openToAll(Path socket) throws IOException {
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    }
}
