package org.jpcscd.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.service.command.CommandProcessor;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One bound admin socket: accepts, checks the peer's uid, and gives each admitted peer a session. */
final class AdminListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminListener.class);
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    final Path path;
    private final CommandProcessor processor;
    private final PeerPolicy policy;
    private final AFUNIXServerSocket server;
    private volatile boolean closing;

    private AdminListener(Path path, CommandProcessor processor, PeerPolicy policy) throws IOException {
        this.path = path;
        this.processor = processor;
        this.policy = policy;
        AdminSocketFiles.checkFolder(path);
        AdminSocketFiles.removeStale(path);
        this.server = AFUNIXServerSocket.newInstance();
        server.bind(AFUNIXSocketAddress.of(path), 10);
        // Between bind and chmod the file has the umask's mode; the peer check covers that moment.
        AdminSocketFiles.ownerOnly(path);
    }

    static AdminListener open(Path path, CommandProcessor processor, PeerPolicy policy) throws IOException {
        AdminListener listener = new AdminListener(path, processor, policy);
        Thread acceptor = new Thread(listener::acceptLoop, "jpcscd-admin-accept " + path);
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Admin shell on {} (uid {} and root only)", path, policy.ownerUid());
        return listener;
    }

    private void acceptLoop() {
        while (!closing) {
            AFUNIXSocket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.error("Accepting on the admin socket {} failed; the shell is no longer reachable there", path, e);
                }
                return;
            }
            admit(socket);
        }
    }

    private void admit(AFUNIXSocket socket) {
        long pid = -1;
        long uid = -1;
        try {
            AFUNIXSocketCredentials credentials = socket.getPeerCredentials();
            pid = credentials.getPid();
            uid = credentials.getUid();
        } catch (IOException | RuntimeException e) {
            // Unknown credentials are refused below.
        }
        if (!policy.admits(uid)) {
            LOG.warn("Refused an admin shell connection from pid {} uid {}: only uid {} and root may attach",
                    pid, uid, policy.ownerUid());
            refuse(socket, uid);
            return;
        }
        LOG.info("Admin shell attached by pid {} uid {}", pid, uid);
        Thread session = new Thread(new AdminSession(socket, processor, pid, uid),
                "jpcscd-admin-session-" + SESSIONS.incrementAndGet());
        session.setDaemon(true);
        session.start();
    }

    private void refuse(AFUNIXSocket socket, long uid) {
        try (socket) {
            Frames frames = new Frames(socket.getOutputStream());
            frames.text(Frames.ERR, policy.refusal(uid) + "\n");
            frames.exit(Frames.REFUSED);
        } catch (IOException e) {
            // The peer went away; it was refused all the same.
        }
    }

    /** Stops accepting and removes the socket file; attached sessions end when their peers leave. */
    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the admin socket: {}", e.toString());
        }
        try {
            if (Files.exists(path) && AdminSocketFiles.isSocket(path)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", path, e.toString());
        }
    }
}
