package org.jpcscd.client.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One daemon for a whole test class: {@code @RegisterExtension static final RunningDaemon DAEMON =
 * new RunningDaemon(DebianPcscd::start);} starts it before the first test and closes it after the
 * last, so a contract suite is bound to a daemon in two lines.
 */
public final class RunningDaemon implements BeforeAllCallback, AfterAllCallback {
    /** Starts a daemon (e.g. {@code DebianPcscd::start}). */
    @FunctionalInterface
    public interface Starter {
        DaemonUnderTest start() throws Exception;
    }

    private final Starter starter;
    private DaemonUnderTest daemon;

    public RunningDaemon(Starter starter) {
        this.starter = starter;
    }

    /** The running daemon. */
    public DaemonUnderTest get() {
        if (daemon == null) {
            throw new IllegalStateException("the daemon is not running (used outside its test class?)");
        }
        return daemon;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        daemon = starter.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }
}
