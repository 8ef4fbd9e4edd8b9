package org.jpcscd.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this daemon may trace APDUs. A daemon started on demand by an unprivileged user serves
 * every user's clients but belongs to whoever happened to start it, so it must not show them other
 * users' APDUs (PINs). The launcher says how it started in the framework property
 * {@value #START_MODE_PROPERTY}.
 */
final class TracePolicy {
    static final String START_MODE_PROPERTY = "jpcscd.start.mode";
    static final String ON_DEMAND = "on-demand";

    private TracePolicy() {
    }

    /** Why tracing is refused, or null when it is allowed. */
    static String refusal(String startMode, long uid) {
        if (ON_DEMAND.equals(startMode) && uid != 0) {
            return "APDU tracing is refused: this daemon was started on demand by an unprivileged user (uid " + uid
                    + ") and serves other users' clients, whose APDUs may carry PINs; "
                    + "start the daemon yourself (bin/pcscd, or as a service) to trace";
        }
        return null;
    }

    /** The daemon's own uid, or -1 when unknown (Linux: the owner of /proc/self). */
    static long ownUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
