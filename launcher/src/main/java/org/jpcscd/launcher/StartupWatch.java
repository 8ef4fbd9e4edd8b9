package org.jpcscd.launcher;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.launch.Framework;

/**
 * Waits for {@code FrameworkEvent.STARTED} (the beginning start level is reached, every bundle
 * started), or for the framework to stop first (a signal during start-up). A stopping framework
 * drops its listeners before any STOPPED event could reach one, so the stop is seen through
 * {@link Framework#waitForStop} on a thread of its own.
 */
final class StartupWatch implements FrameworkListener {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean started;

    static StartupWatch on(Framework framework) {
        StartupWatch watch = new StartupWatch();
        framework.getBundleContext().addFrameworkListener(watch);
        Thread stopWatch = new Thread(() -> {
            try {
                framework.waitForStop(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watch.done.countDown();
        }, "jpcscd-startup-watch");
        stopWatch.setDaemon(true);
        stopWatch.start();
        return watch;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            started = true;
            done.countDown();
        }
    }

    /** True once started, false if the framework stopped before it got there. */
    boolean await(Duration deadline) throws InterruptedException {
        if (!done.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new LaunchException("the framework did not reach its start level within " + deadline.toSeconds() + " s");
        }
        return started;
    }
}
