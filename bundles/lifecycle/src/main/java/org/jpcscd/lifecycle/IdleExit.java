package org.jpcscd.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jpcscd.api.rm.ContextListener;
import org.jpcscd.api.rm.ResourceManager;
import org.jpcscd.protocol.control.PcscSocket;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pcscd's {@code --auto-exit}: hears the live-context count through the core's ContextListener
 * whiteboard and, when no context has been alive for the idle delay, closes the PC/SC socket and stops
 * the framework (the launcher then exits 0). Only PC/SC contexts count as activity: an administrator
 * in the Gogo shell does not keep the daemon alive ({@code pcsc:idle off} does).
 *
 * <p>As pcscd (since 1.9.5) the first idle period starts at activation, so a daemon nobody connects to
 * also goes away.
 */
@Component(immediate = true, configurationPid = IdleExit.PID, service = {ContextListener.class, IdleExit.class})
@Designate(ocd = LifecycleConfig.class)
public class IdleExit implements ContextListener {
    public static final String PID = "org.jpcscd.lifecycle";
    static final int DEFAULT_DELAY_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(IdleExit.class);

    private final ResourceManager rm;
    private final ScheduledExecutorService scheduler;
    private final IdleTimer timer;

    @Activate
    public IdleExit(@Reference ResourceManager rm, @Reference PcscSocket socket, BundleContext context,
            LifecycleConfig config) {
        this.rm = rm;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jpcscd-idle");
            t.setDaemon(true);
            return t;
        });
        IdleShutdown shutdown = new IdleShutdown(socket, () -> rm.contexts().size(),
                () -> stopFramework(context), this::recount);
        this.timer = new IdleTimer(scheduler, shutdown, config.auto_exit(), delayOf(config));
        if (config.auto_exit()) {
            LOG.info("Exiting after {} s without a PC/SC context", config.idle_delay_s());
        }
        recount();
    }

    @Modified
    void modified(LifecycleConfig config) {
        timer.configure(config.auto_exit(), delayOf(config));
        LOG.info("Idle exit {}", config.auto_exit() ? "after " + config.idle_delay_s() + " s from the next idle period" : "off");
        // Switching auto-exit on while idle starts a period now rather than after the next client.
        recount();
    }

    @Deactivate
    void deactivate() {
        timer.cancel();
        scheduler.shutdownNow();
    }

    /** The count passed in may arrive out of order from two threads; the resource manager's own is current. */
    @Override
    public void contextsChanged(int liveContexts) {
        recount();
    }

    IdleStatus status() {
        return timer.status();
    }

    private void recount() {
        synchronized (timer) {
            timer.contextsChanged(rm.contexts().size());
        }
    }

    private static Duration delayOf(LifecycleConfig config) {
        return Duration.ofSeconds(Math.max(0, config.idle_delay_s()));
    }

    private static void stopFramework(BundleContext context) {
        try {
            // Asynchronous: the framework stops every bundle on its own thread, so this returns at once.
            context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).stop();
        } catch (BundleException | IllegalStateException e) {
            LOG.error("Could not stop the framework after the idle delay: {}", e.toString());
        }
    }
}
