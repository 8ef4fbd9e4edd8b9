package org.jpcscd.launcher;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.launch.Framework;

/**
 * Waits for {@code FrameworkEvent.STARTED} (the beginning start level is reached, every bundle
 * started), or for the framework to stop first (a signal during start-up).
 */
final class StartupWatch implements FrameworkListener {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean started;

    static StartupWatch on(Framework framework) {
        StartupWatch watch = new StartupWatch();
        framework.getBundleContext().addFrameworkListener(watch);
        return watch;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            started = true;
            done.countDown();
        } else if (event.getType() == FrameworkEvent.STOPPED) {
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
