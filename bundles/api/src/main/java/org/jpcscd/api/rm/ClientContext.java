package org.jpcscd.api.rm;

import java.util.List;
import org.jpcscd.api.Scope;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;

/** An established PC/SC context ({@code SCARDCONTEXT}) and the card handles made through it. */
public interface ClientContext extends AutoCloseable {
    /** The 31-bit context value given to the client. */
    int id();

    ClientInfo client();

    Scope scope();

    /**
     * {@code SCardConnect}. Blocks while another handle holds a transaction on the reader (pcscd does
     * the same), but never longer than the reader's own lock.
     *
     * @param preferredProtocols a {@code SCARD_PROTOCOL_*} bit set
     */
    CardConnection connect(String readerName, ShareMode mode, int preferredProtocols) throws ScardException;

    /** The live handles of this context. */
    List<CardConnection> connections();

    /** The handle with this value if this context made it and it is still live. */
    CardConnection connection(int handle);

    /** Whether {@link #close()} has not been called. */
    boolean isValid();

    /**
     * {@code SCardReleaseContext}, or the end of the client's connection: every handle is disposed
     * the way pcscd does for a departing client (a held transaction or exclusive hold resets the card).
     */
    @Override
    void close();
}
