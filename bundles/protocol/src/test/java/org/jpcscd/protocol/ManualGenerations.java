package org.jpcscd.protocol;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jpcscd.api.Scope;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ClientInfo;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.api.rm.ResourceManager;

/**
 * Only the state-generation part of a resource manager, moved by the test: the trigger the event
 * registration reacts to, so its locking can be raced directly. Contexts and readers are not needed.
 */
final class ManualGenerations implements ResourceManager {
    private long generation;
    private final List<CompletableFuture<Long>> waiting = new CopyOnWriteArrayList<>();

    /** A change a client could see: completes every pending wait. */
    void change() {
        long now;
        synchronized (this) {
            now = ++generation;
        }
        for (CompletableFuture<Long> f : waiting) {
            waiting.remove(f);
            f.complete(now);
        }
    }

    @Override
    public synchronized long stateGeneration() {
        return generation;
    }

    @Override
    public CompletableFuture<Long> awaitStateChange(long knownGeneration) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        waiting.add(f);
        long now = stateGeneration();
        if (now != knownGeneration) {
            waiting.remove(f);
            f.complete(now);
        }
        return f;
    }

    @Override
    public List<ReaderStatus> readers() {
        return List.of();
    }

    @Override
    public ClientContext establishContext(ClientInfo client, Scope scope) {
        throw new UnsupportedOperationException("not needed by the event tests");
    }

    @Override
    public List<ClientContext> contexts() {
        return List.of();
    }
}
