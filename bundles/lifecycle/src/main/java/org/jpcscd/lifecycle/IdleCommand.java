package org.jpcscd.lifecycle;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code pcsc:idle}: the idle timer (remaining time, live contexts); {@code pcsc:idle SECONDS} or
 * {@code pcsc:idle off} changes it through Config Admin, so the change is the same one an etc/ file
 * or {@code --auto-exit} would make.
 */
@Component(service = IdleCommand.class, property = {"osgi.command.scope=pcsc", "osgi.command.function=idle"})
public class IdleCommand {
    private final IdleExit idleExit;
    private final ConfigurationAdmin configurationAdmin;

    @Activate
    public IdleCommand(@Reference IdleExit idleExit, @Reference ConfigurationAdmin configurationAdmin) {
        this.idleExit = idleExit;
        this.configurationAdmin = configurationAdmin;
    }

    /** Shows the timer. */
    public String idle() {
        return idleExit.status().describe();
    }

    /**
     * {@code off}, or the idle delay in seconds (which also switches auto-exit on). Nonsense throws,
     * so the shell reports the command as failed (exit status 1 from {@code pcscd shell}).
     */
    public String idle(String delay) throws IOException {
        Dictionary<String, Object> properties = currentProperties();
        if ("off".equalsIgnoreCase(delay)) {
            properties.put("auto.exit", Boolean.FALSE);
        } else {
            int seconds;
            try {
                seconds = Integer.parseInt(delay.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("usage: pcsc:idle [SECONDS|off]");
            }
            if (seconds < 0) {
                throw new IllegalArgumentException("usage: pcsc:idle [SECONDS|off] (SECONDS >= 0)");
            }
            properties.put("auto.exit", Boolean.TRUE);
            properties.put("idle.delay.s", seconds);
        }
        configuration().update(properties);
        return "auto-exit " + ("off".equalsIgnoreCase(delay) ? "off" : "after " + delay.trim() + " s idle")
                + " (from the next idle period on)";
    }

    private Configuration configuration() throws IOException {
        return configurationAdmin.getConfiguration(IdleExit.PID, "?");
    }

    private Dictionary<String, Object> currentProperties() throws IOException {
        Dictionary<String, Object> current = configuration().getProperties();
        Dictionary<String, Object> copy = new Hashtable<>();
        if (current != null) {
            for (var keys = current.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                if (!key.startsWith("service.")) {
                    copy.put(key, current.get(key));
                }
            }
        }
        IdleStatus status = idleExit.status();
        if (copy.get("auto.exit") == null) {
            copy.put("auto.exit", status.autoExit());
        }
        if (copy.get("idle.delay.s") == null) {
            copy.put("idle.delay.s", (int) status.delay().toSeconds());
        }
        return copy;
    }
}
