package org.jpcscd.launcher;

import java.util.logging.Level;
import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Felix's own messages (resolution errors, bundle exceptions) in the same format as every other log
 * line, instead of Felix's plain "ERROR: ..." on standard output. Given as {@code felix.log.logger}
 * with {@code felix.log.level} 4 (everything): it logs to {@code java.util.logging} directly, like the
 * bundles' SLF4J binding, so the live level of logger {@code org.apache.felix.framework} decides.
 */
final class FelixLogBridge extends Logger {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("org.apache.felix.framework");

    /** Levels are OSGi LogService's: 1 error, 2 warning, 3 info, 4 debug. */
    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String message, Throwable error) {
        Level jul = switch (level) {
            case LOG_ERROR -> Level.SEVERE;
            case LOG_WARNING -> Level.WARNING;
            case LOG_INFO -> Level.INFO;
            default -> Level.FINE;
        };
        if (LOG.isLoggable(jul)) {
            LOG.log(jul, bundle == null ? message : bundle.getSymbolicName() + ": " + message, error);
        }
    }
}
