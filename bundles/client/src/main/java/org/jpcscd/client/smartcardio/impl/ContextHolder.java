package org.jpcscd.client.smartcardio.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;

/**
 * The factory's contexts, re-established when the daemon went away (stopped, restarted,
 * auto-exited): the JDK provider's context stays dead for the life of the program. Waiting for
 * card events has a context of its own, so a thread blocked in {@code waitForChange} or
 * {@code waitForCardPresent} never holds up another thread's connect or transmit (a context
 * carries one call at a time).
 */
final class ContextHolder {
    interface Call<T> {
        T apply(Context context) throws ScardException;
    }

    /** One re-establishable context. */
    private final class Slot {
        private Context context;

        synchronized Context get() throws ScardException {
            if (context == null || !context.isValid()) {
                context = client.establishContext();
            }
            return context;
        }

        synchronized void drop(Context used) {
            if (context == used) {
                used.close();
                context = null;
            }
        }

        <T> T call(Call<T> call) throws ScardException {
            Context used = get();
            try {
                return call.apply(used);
            } catch (ScardException e) {
                if (!lostDaemon(e.code())) {
                    throw e;
                }
                drop(used);
                return call.apply(get());
            }
        }
    }

    private final PcscClient client;
    /** One Terminal object per reader and factory, as SunPCSC keeps them, so its Card can be reused. */
    private final Map<String, Terminal> terminals = new ConcurrentHashMap<>();
    private final Slot main = new Slot();
    private final Slot waits = new Slot();

    ContextHolder(PcscClient client) {
        this.client = client;
    }

    Terminal terminal(String name) {
        return terminals.computeIfAbsent(name, n -> new Terminal(n, this));
    }

    /** Runs {@code call}; when it fails because the daemon is gone, once more on a fresh context. */
    <T> T call(Call<T> call) throws ScardException {
        return main.call(call);
    }

    /** As {@link #call}, on the context reserved for blocking waits. */
    <T> T callWaiting(Call<T> call) throws ScardException {
        return waits.call(call);
    }

    static boolean lostDaemon(ScardCode code) {
        return code == ScardCode.E_NO_SERVICE || code == ScardCode.E_SERVICE_STOPPED || code == ScardCode.F_COMM_ERROR
                || code == ScardCode.W_SECURITY_VIOLATION || code == ScardCode.E_INVALID_HANDLE;
    }
}
