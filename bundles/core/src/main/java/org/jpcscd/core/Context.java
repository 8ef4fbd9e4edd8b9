package org.jpcscd.core;

import java.util.ArrayList;
import java.util.List;
import org.jpcscd.api.Scope;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ClientInfo;

/** An established context and the handles connected through it. */
final class Context implements ClientContext {
    /** What a context needs from the resource manager. */
    interface Owner {
        Connector connector();

        void released(Context context);
    }

    private final int id;
    private final ClientInfo client;
    private final Scope scope;
    private final Owner owner;
    private final List<Handle> handles = new ArrayList<>();
    private boolean valid = true;

    Context(int id, ClientInfo client, Scope scope, Owner owner) {
        this.id = id;
        this.client = client;
        this.scope = scope;
        this.owner = owner;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public ClientInfo client() {
        return client;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public CardConnection connect(String readerName, ShareMode mode, int preferredProtocols) throws ScardException {
        return owner.connector().connect(this, readerName, mode, preferredProtocols);
    }

    /** Takes a new handle in unless the context was released or is full. */
    synchronized boolean adopt(Handle handle, int limit) {
        if (!valid || handles.size() >= limit) {
            return false;
        }
        handles.add(handle);
        return true;
    }

    synchronized void forget(Handle handle) {
        handles.remove(handle);
    }

    @Override
    public synchronized List<CardConnection> connections() {
        return List.copyOf(handles);
    }

    @Override
    public synchronized CardConnection connection(int handle) {
        for (Handle h : handles) {
            if (h.handle() == handle) {
                return h;
            }
        }
        return null;
    }

    @Override
    public synchronized boolean isValid() {
        return valid;
    }

    @Override
    public void close() {
        List<Handle> departing;
        synchronized (this) {
            if (!valid) {
                return;
            }
            valid = false;
            departing = new ArrayList<>(handles);
        }
        for (Handle handle : departing) {
            owner.connector().dispose(handle);
        }
        owner.released(this);
    }

    @Override
    public String toString() {
        return String.format("context %08X of %s", id, client);
    }
}
