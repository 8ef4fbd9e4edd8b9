package org.jpcscd.launcher;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.launch.Framework;

/** Waits for {@code FrameworkEvent.STARTED}: the beginning start level is reached, every bundle started. */
final class StartupWatch implements FrameworkListener {
    private final CountDownLatch started = new CountDownLatch(1);

    static StartupWatch on(Framework framework) {
        StartupWatch watch = new StartupWatch();
        framework.getBundleContext().addFrameworkListener(watch);
        return watch;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            started.countDown();
        }
    }

    void await(Duration deadline) throws InterruptedException {
        if (!started.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new LaunchException("the framework did not reach its start level within " + deadline.toSeconds() + " s");
        }
    }
}
