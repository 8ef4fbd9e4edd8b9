package org.jpcscd.shell;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Dictionary;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.jpcscd.api.rm.ApduTracing;
import org.jpcscd.api.rm.ResourceManager;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@code pcsc:status}: what an operator asks first about a running daemon. */
@Component(service = StatusCommand.class)
@GogoCommand(scope = "pcsc", function = {"status"})
public class StatusCommand {
    static final String START_MODE_PROPERTY = "jpcscd.start.mode";
    static final String DEFAULT_SOCKET = "/run/pcscd/pcscd.comm";
    static final String LIFECYCLE = "org.jpcscd.lifecycle";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ResourceManager resourceManager;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ApduTracing tracing;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configurationAdmin;

    private final BundleContext context;

    @Activate
    public StatusCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("show version, uptime, sockets, how the daemon was started, readers, clients, tracing and idle timer")
    public String status() throws IOException, InvalidSyntaxException {
        String socket = setting("org.jpcscd.protocol", "socket.path", DEFAULT_SOCKET);
        String adminSocket = setting("org.jpcscd.admin", "admin.socket.path", "");
        StringBuilder text = new StringBuilder();
        line(text, "version", "jpcscd " + context.getBundle().getVersion() + " on Felix " + context.getBundle(0).getVersion()
                + ", Java " + System.getProperty("java.version"));
        line(text, "uptime", uptime(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())));
        line(text, "pid", Long.toString(ProcessHandle.current().pid()));
        String mode = context.getProperty(START_MODE_PROPERTY);
        line(text, "started", (mode == null ? "unknown" : mode) + " by " + System.getProperty("user.name"));
        line(text, "socket", socket);
        line(text, "admin socket", adminSocket.isEmpty() ? socket + ".admin" : adminSocket);
        ResourceManager manager = resourceManager;
        if (manager == null) {
            line(text, "readers", PcscCommands.NO_RESOURCE_MANAGER);
        } else {
            line(text, "readers", Integer.toString(manager.readers().size()));
            long processes = manager.contexts().stream().map(c -> c.client().pid()).distinct().count();
            line(text, "clients", processes + " processes, " + manager.contexts().size() + " contexts");
        }
        ApduTracing trace = tracing;
        line(text, "tracing", trace == null ? "n/a" : TraceCommand.describe(trace.traced(), trace.refusal()).substring("APDU tracing: ".length()));
        line(text, "idle timer", idleTimer());
        return text.toString();
    }

    /**
     * The lifecycle bundle (org.jpcscd.lifecycle) owns the idle timer and exports no service to ask;
     * its settings are in Config Admin and {@code pcsc:idle} shows the time left.
     */
    private String idleTimer() {
        boolean lifecycle = false;
        for (org.osgi.framework.Bundle bundle : context.getBundles()) {
            lifecycle |= LIFECYCLE.equals(bundle.getSymbolicName()) && bundle.getState() == org.osgi.framework.Bundle.ACTIVE;
        }
        if (!lifecycle) {
            return "n/a (no lifecycle bundle)";
        }
        try {
            String autoExit = setting(LIFECYCLE, "auto.exit", "false");
            String delay = setting(LIFECYCLE, "idle.delay.s", null);
            return Boolean.parseBoolean(autoExit)
                    ? "exit after " + (delay == null ? "the default delay" : delay + " s") + " without contexts (pcsc:idle: time left)"
                    : "off: no auto exit (pcsc:idle)";
        } catch (IOException | InvalidSyntaxException e) {
            return "see pcsc:idle";
        }
    }

    private String setting(String pid, String key, String fallback) throws IOException, InvalidSyntaxException {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            return fallback;
        }
        Configuration[] found = admin.listConfigurations("(service.pid=" + pid + ")");
        if (found == null || found.length == 0) {
            return fallback;
        }
        Dictionary<String, Object> properties = found[0].getProperties();
        Object value = properties == null ? null : properties.get(key);
        return value == null ? fallback : value.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-13s %s%n", label + ":", value));
    }

    static String uptime(Duration up) {
        long seconds = up.toSeconds();
        return String.format("%dd %02d:%02d:%02d", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    }
}
