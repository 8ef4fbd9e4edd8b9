package org.jpcscd.protocol.control;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The daemon's listening PC/SC socket, registered as a service while it serves clients.
 *
 * <p>{@link #pause()} and {@link #resume()} let the idle exit close the door without losing a client
 * that arrives at that moment: after {@code pause()} no connection can reach this daemon any more, and
 * every connection that reached it before is accepted and counted in {@link #connections()}. If that
 * count is not zero the caller resumes instead of exiting.
 */
public interface PcscSocket {
    /** The socket's path (the one clients name in PCSCLITE_CSOCK_NAME). */
    Path path();

    /** True when the listening socket was handed over by systemd (LISTEN_FDS) instead of bound here. */
    boolean socketActivated();

    /** Client connections open right now, with or without a context. */
    int connections();

    /**
     * Stops accepting. Unless socket-activated, the socket file is removed first, so a client arriving
     * now sees no daemon (libpcsclite: SCARD_E_NO_SERVICE) instead of a connection nobody will serve;
     * under socket activation new connections wait in systemd's queue for the next process. Returns once
     * every connection already queued on this socket has been accepted. Idempotent.
     */
    void pause() throws InterruptedException;

    /** Accepts again after {@link #pause()}, re-creating the socket file if it was removed. */
    void resume() throws IOException;
}
