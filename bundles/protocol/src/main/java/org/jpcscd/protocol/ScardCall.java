package org.jpcscd.protocol;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.rm.ClientInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one resource-manager call and turns its outcome into the {@code rv} of the reply: the PC/SC
 * code of a {@link ScardException}, or {@code SCARD_F_INTERNAL_ERROR} (logged once) for anything else
 * a core or driver might throw — the client gets an answer and the connection lives on.
 */
final class ScardCall {
    private static final Logger LOG = LoggerFactory.getLogger(ScardCall.class);

    @FunctionalInterface
    interface Action {
        void run() throws ScardException;
    }

    @FunctionalInterface
    interface Query<T> {
        T get() throws ScardException;
    }

    /** What a call gave: its value (null when it failed) and the rv for the reply. */
    record Outcome<T>(T value, int rv) {
        boolean succeeded() {
            return rv == ScardCode.S_SUCCESS.value();
        }
    }

    private ScardCall() {
    }

    static int rv(ClientInfo peer, String what, Action action) {
        return call(peer, what, () -> {
            action.run();
            return Boolean.TRUE;
        }).rv();
    }

    static <T> Outcome<T> call(ClientInfo peer, String what, Query<T> query) {
        try {
            return new Outcome<>(query.get(), ScardCode.S_SUCCESS.value());
        } catch (ScardException e) {
            return new Outcome<>(null, e.code().value());
        } catch (RuntimeException e) {
            LOG.error("{} for {} failed inside the daemon", what, peer, e);
            return new Outcome<>(null, ScardCode.F_INTERNAL_ERROR.value());
        }
    }
}
