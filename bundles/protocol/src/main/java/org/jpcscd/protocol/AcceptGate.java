package org.jpcscd.protocol;

import java.util.function.BooleanSupplier;

/**
 * The hand-over between whoever pauses the server and its accept loop. A pause is complete only when
 * the loop has seen an empty queue in an accept call that began after the socket file was removed:
 * from then on no connection can be waiting, so nobody is left half-connected.
 */
final class AcceptGate {
    private boolean pauseRequested;
    private volatile boolean unlinked;
    private boolean parked;
    private boolean released;

    synchronized void requestPause() {
        pauseRequested = true;
    }

    /** The socket file is gone (or, for an inherited socket, there is none to remove). */
    void unlinked() {
        unlinked = true;
    }

    boolean unlinkDone() {
        return unlinked;
    }

    synchronized boolean isPaused() {
        return pauseRequested;
    }

    /** Blocks until the accept loop has parked (or ended). */
    synchronized void awaitParked() throws InterruptedException {
        while (!parked && !released) {
            wait();
        }
    }

    /** Called by the accept loop: waits here until resumed or closed. */
    synchronized void park(BooleanSupplier closing) throws InterruptedException {
        parked = true;
        notifyAll();
        while (pauseRequested && !released && !closing.getAsBoolean()) {
            wait();
        }
        parked = false;
    }

    synchronized void resume() {
        pauseRequested = false;
        unlinked = false;
        notifyAll();
    }

    /** The server is closing or its accept loop ended: nobody waits for the other any more. */
    synchronized void release() {
        released = true;
        notifyAll();
    }
}
