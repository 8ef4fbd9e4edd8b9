package org.jpcscd.protocol;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * The listening socket itself: bound here on the socket path, or inherited from systemd. Accepts with
 * a short timeout so the accept loop can notice a pause without a connection arriving.
 */
final class ListeningEndpoint {
    /** How long one accept call waits before the loop looks at its pause flag again. */
    static final int ACCEPT_SLICE_MS = 200;
    /** pcscd listens with a backlog of 1; a longer queue costs nothing and spares racing clients a refusal. */
    private static final int BACKLOG = 50;

    private final Path path;
    private final Integer inheritedFd;
    /** The socket as bound; kept open because {@link #server} shares its file. */
    private volatile AFUNIXServerSocket bound;
    /** What accepts: see {@link #acceptingView}. */
    private volatile AFUNIXServerSocket server;

    private ListeningEndpoint(Path path, Integer inheritedFd, AFUNIXServerSocket bound, AFUNIXServerSocket server) {
        this.path = path;
        this.inheritedFd = inheritedFd;
        this.bound = bound;
        this.server = server;
    }

    /** Creates the folder, removes a stale socket file, binds and opens the socket to every user. */
    static ListeningEndpoint bind(Path path) throws IOException {
        AFUNIXServerSocket bound = bindOn(path);
        return new ListeningEndpoint(path, null, bound, acceptingView(bound));
    }

    /**
     * A second view of the bound socket through a duplicated descriptor. junixsocket remembers the
     * socket file's inode at bind time and makes {@code accept} fail once the file is gone; the pause
     * removes the file first and must still accept what was queued before, which this view can.
     */
    private static AFUNIXServerSocket acceptingView(AFUNIXServerSocket bound) throws IOException {
        AFUNIXServerSocket view = FileDescriptorCast.duplicating(bound.getFileDescriptor()).as(AFUNIXServerSocket.class);
        view.setShutdownOnClose(false);
        view.setDeleteOnClose(false);
        bound.setShutdownOnClose(false);
        bound.setDeleteOnClose(false);
        return view;
    }

    /**
     * Adopts a listening socket this process inherited (systemd socket activation, fd 3). The socket file
     * belongs to systemd: it is never created, chmod-ed or removed here.
     */
    static ListeningEndpoint inherit(Path path, int fd) throws IOException {
        AFUNIXServerSocket server = FileDescriptorCast.unsafeUsing(fd).as(AFUNIXServerSocket.class);
        // Closing must not shut the socket down: systemd keeps queueing on it for the next process.
        server.setShutdownOnClose(false);
        server.setDeleteOnClose(false);
        return new ListeningEndpoint(path, fd, server, server);
    }

    private static AFUNIXServerSocket bindOn(Path path) throws IOException {
        SocketFiles.prepareFolder(path);
        SocketFiles.removeStale(path);
        AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
        try {
            server.bind(AFUNIXSocketAddress.of(path), BACKLOG);
            SocketFiles.openToAll(path);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    boolean inherited() {
        return inheritedFd != null;
    }

    /** The next connection, or null when none arrived within {@link #ACCEPT_SLICE_MS}. */
    AFUNIXSocket accept() throws IOException {
        AFUNIXServerSocket current = server;
        current.setSoTimeout(ACCEPT_SLICE_MS);
        try {
            return current.accept();
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** Removes the socket file so no new client can connect (not for an inherited socket). */
    void unlink() throws IOException {
        if (!inherited() && isOurs()) {
            Files.deleteIfExists(path);
        }
    }

    /**
     * After {@link #unlink()}: a fresh socket on the path. The old one is empty (the loop accepted what
     * was queued) and unreachable, so closing it loses nobody.
     */
    void rebind() throws IOException {
        if (inherited()) {
            return;
        }
        closeSockets();
        AFUNIXServerSocket fresh = bindOn(path);
        bound = fresh;
        server = acceptingView(fresh);
    }

    /** Closes the socket and removes its file, unless systemd owns them. */
    void close() throws IOException {
        if (inherited()) {
            // Keep fd 3 open until the process exits: a restarted protocol component in this same
            // process adopts it again.
            return;
        }
        closeSockets();
        unlink();
    }

    private void closeSockets() throws IOException {
        try {
            server.close();
        } finally {
            bound.close();
        }
    }

    /** A socket file at the path (not a file someone put there after we unlinked ours). */
    private boolean isOurs() {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }
}
