package org.jpcscd.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin socket: a Gogo session per connection for the daemon's own user and root, beside the
 * PC/SC socket. Unless configured elsewhere it follows that socket's configuration (PID
 * {@value #PROTOCOL_PID}): when the PC/SC socket moves, so does the admin socket. There is no TCP shell.
 */
@Component(immediate = true, service = ConfigurationListener.class, configurationPid = AdminServer.PID)
@Designate(ocd = AdminConfig.class)
public class AdminServer implements ConfigurationListener {
    public static final String PID = "org.jpcscd.admin";
    static final String PROTOCOL_PID = "org.jpcscd.protocol";
    static final String DEFAULT_PCSC_SOCKET = "/run/pcscd/pcscd.comm";
    static final String SUFFIX = ".admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final CommandProcessor processor;
    private final ConfigurationAdmin configurationAdmin;
    private final AdminConfig config;
    private final PeerPolicy policy;
    // Guarded by this; listener is null while a move to a new path failed.
    private AdminListener listener;
    private boolean active = true;

    @Activate
    public AdminServer(@Reference CommandProcessor processor, @Reference ConfigurationAdmin configurationAdmin,
            AdminConfig config) throws IOException {
        this.processor = processor;
        this.configurationAdmin = configurationAdmin;
        this.config = config;
        this.policy = PeerPolicy.ofThisProcess();
        this.listener = AdminListener.open(currentPath(), processor, policy);
    }

    private Path currentPath() throws IOException {
        return socketPath(config.admin_socket_path(), pcscSocket(configurationAdmin));
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

    /** Config Admin delivers these on its own thread, after the change is stored. */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (!PROTOCOL_PID.equals(event.getPid())) {
            return;
        }
        synchronized (this) {
            if (!active) {
                return;
            }
            try {
                Path next = currentPath();
                if (listener != null && next.equals(listener.path)) {
                    return;
                }
                if (listener != null) {
                    listener.close();
                    listener = null;
                }
                listener = AdminListener.open(next, processor, policy);
            } catch (IOException | RuntimeException e) {
                LOG.error("The admin socket cannot follow the PC/SC socket: {}", e.getMessage());
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }
}
