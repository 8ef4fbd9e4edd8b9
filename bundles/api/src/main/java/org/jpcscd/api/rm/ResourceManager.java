package org.jpcscd.api.rm;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jpcscd.api.Scope;
import org.jpcscd.api.ScardException;

/**
 * The daemon's resource manager: readers, contexts, handles, sharing, transactions, card events.
 * Registered by the core bundle; the protocol, shell and lifecycle bundles use it.
 */
public interface ResourceManager {
    /** The readers in reader-state-array order (pcscd's slot order, not alphabetical). */
    List<ReaderStatus> readers();

    /** Bumped on every change a client could see in {@link #readers()}. */
    long stateGeneration();

    /**
     * Completes with the new generation as soon as {@link #stateGeneration()} differs from
     * {@code knownGeneration} (at once if it already does). Cancel the future to stop waiting;
     * add a timeout with {@link CompletableFuture#orTimeout}.
     */
    CompletableFuture<Long> awaitStateChange(long knownGeneration);

    /** {@code SCardEstablishContext}. */
    ClientContext establishContext(ClientInfo client, Scope scope) throws ScardException;

    /** Every live context, for administration. */
    List<ClientContext> contexts();
}
