package org.jpcscd.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.service.command.CommandProcessor;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketCredentials;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin socket: a Gogo session per connection for the daemon's own user and root, beside the
 * PC/SC socket, whose path it reads from that socket's configuration (PID {@value #PROTOCOL_PID}) when
 * it starts. There is no TCP shell.
 */
@Component(immediate = true, service = {}, configurationPid = AdminServer.PID)
@Designate(ocd = AdminConfig.class)
public class AdminServer {
    public static final String PID = "org.jpcscd.admin";
    static final String PROTOCOL_PID = "org.jpcscd.protocol";
    static final String DEFAULT_PCSC_SOCKET = "/run/pcscd/pcscd.comm";
    static final String SUFFIX = ".admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final CommandProcessor processor;
    private final Path path;
    private final PeerPolicy policy;
    private final AFUNIXServerSocket server;
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile boolean closing;

    @Activate
    public AdminServer(@Reference CommandProcessor processor, @Reference ConfigurationAdmin configurationAdmin,
            AdminConfig config) throws IOException {
        this.processor = processor;
        this.path = socketPath(config.admin_socket_path(), pcscSocket(configurationAdmin));
        this.policy = PeerPolicy.ofThisProcess();
        AdminSocketFiles.checkFolder(path);
        AdminSocketFiles.removeStale(path);
        this.server = AFUNIXServerSocket.newInstance();
        server.bind(AFUNIXSocketAddress.of(path), 10);
        // Between bind and chmod the file has the umask's mode; the peer check below covers that moment.
        AdminSocketFiles.ownerOnly(path);
        Thread acceptor = new Thread(this::acceptLoop, "jpcscd-admin-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Admin shell on {} (uid {} and root only)", path, policy.ownerUid());
    }

    /** The PC/SC socket's configured path, or null for its default. */
    private static Object pcscSocket(ConfigurationAdmin configurationAdmin) throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + PROTOCOL_PID + ")");
            Dictionary<String, Object> properties = found == null || found.length == 0 ? null : found[0].getProperties();
            return properties == null ? null : properties.get("socket.path");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path socketPath(String configured, Object pcscSocket) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String base = pcscSocket instanceof String s && !s.isBlank() ? s : DEFAULT_PCSC_SOCKET;
        return Path.of(base + SUFFIX).toAbsolutePath();
    }

    private void acceptLoop() {
        while (!closing) {
            AFUNIXSocket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.error("Accepting on the admin socket {} failed; the shell is no longer reachable", path, e);
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
                "jpcscd-admin-session-" + sessions.incrementAndGet());
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

    @Deactivate
    void deactivate() {
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
