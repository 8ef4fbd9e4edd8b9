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
    interface Body {
        void run() throws ScardException;
    }

    private ScardCall() {
    }

    static int rv(ClientInfo peer, String what, Body body) {
        try {
            body.run();
            return ScardCode.S_SUCCESS.value();
        } catch (ScardException e) {
            return e.code().value();
        } catch (RuntimeException e) {
            LOG.error("{} for {} failed inside the daemon", what, peer, e);
            return ScardCode.F_INTERNAL_ERROR.value();
        }
    }
}
