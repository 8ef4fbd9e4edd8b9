package org.jpcscd.lifecycle;

import java.io.IOException;
import java.util.function.IntSupplier;
import org.jpcscd.protocol.control.PcscSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when an idle period runs out: close the door first, then look again. Only a daemon
 * that still has no context and no connection once nobody can reach it any more goes away; otherwise
 * the door opens again and the client that slipped in is served.
 */
final class IdleShutdown implements IdleTimer.Expiry {
    private static final Logger LOG = LoggerFactory.getLogger(IdleShutdown.class);

    private final PcscSocket socket;
    private final IntSupplier liveContexts;
    private final Runnable stopDaemon;
    private final Runnable idleAgain;

    /**
     * @param idleAgain runs when the exit was called off, so a new idle period can start
     */
    IdleShutdown(PcscSocket socket, IntSupplier liveContexts, Runnable stopDaemon, Runnable idleAgain) {
        this.socket = socket;
        this.liveContexts = liveContexts;
        this.stopDaemon = stopDaemon;
        this.idleAgain = idleAgain;
    }

    @Override
    public void expired() {
        try {
            socket.pause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int contexts = liveContexts.getAsInt();
        int connections = socket.connections();
        if (contexts == 0 && connections == 0) {
            LOG.info("No PC/SC context for the idle delay: exiting");
            stopDaemon.run();
            return;
        }
        LOG.debug("Idle exit called off: {} context(s), {} connection(s) arrived", contexts, connections);
        try {
            socket.resume();
        } catch (IOException e) {
            // No socket means no client can ever come back to this process: better gone than deaf.
            LOG.error("Cannot listen on {} again ({}): exiting", socket.path(), e.toString());
            stopDaemon.run();
            return;
        }
        idleAgain.run();
    }
}
