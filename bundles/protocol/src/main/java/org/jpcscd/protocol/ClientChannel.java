package org.jpcscd.protocol;

import java.io.IOException;
import java.io.InputStream;
import org.jpcscd.api.rm.ClientInfo;

/**
 * One client connection as a session sees it: a byte stream in, whole messages out. The Unix socket is
 * one implementation; tests and the fuzz target drive sessions over in-memory streams.
 */
public interface ClientChannel extends AutoCloseable {
    /** Who is connected (from the kernel's peer credentials on a socket). */
    ClientInfo peer();

    /**
     * Blocks, without a time limit, until the first byte of the next message arrives, then arms the
     * partial-message timeout for the rest of it (an idle client may stay forever, as with pcscd).
     *
     * @return false on a clean end of stream between messages
     */
    boolean awaitMessageStart() throws IOException;

    /** The request bytes; the first byte of a message is available after {@link #awaitMessageStart()}. */
    InputStream input();

    /**
     * Writes one whole message. Messages from different threads (a reply and an event signal) never
     * interleave.
     */
    void send(byte[] message) throws IOException;

    /** Closes the connection; a reader blocked in {@link #input()} sees the end of the stream. */
    @Override
    void close();
}
