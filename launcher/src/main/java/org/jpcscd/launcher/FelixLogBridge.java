package org.jpcscd.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.LoggerFactory;

/**
 * Felix's own messages (resolution errors, bundle exceptions) in the same format as every other log
 * line, instead of Felix's plain "ERROR: ..." on standard output. Given as {@code felix.log.logger}.
 */
final class FelixLogBridge extends Logger {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("org.apache.felix.framework");

    /** Levels are OSGi LogService's: 1 error, 2 warning, 3 info, 4 debug. */
    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String message, Throwable error) {
        String text = bundle == null ? message : bundle.getSymbolicName() + ": " + message;
        switch (level) {
            case LOG_ERROR -> LOG.error(text, error);
            case LOG_WARNING -> LOG.warn(text, error);
            case LOG_INFO -> LOG.info(text, error);
            default -> LOG.debug(text, error);
        }
    }
}
