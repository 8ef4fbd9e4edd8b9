package org.jpcscd.protocol;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The live client sessions: counted against the connection limit and searched by SCARD_CANCEL. */
final class SessionRegistry {
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();

    void add(ClientSession session) {
        sessions.add(session);
    }

    void remove(ClientSession session) {
        sessions.remove(session);
    }

    int size() {
        return sessions.size();
    }

    List<ClientSession> all() {
        return List.copyOf(sessions);
    }

    /** The session whose current context is {@code context} (pcscd looks in every client's connection). */
    ClientSession byContext(int context) {
        for (ClientSession s : sessions) {
            if (s.hasCurrentContext(context)) {
                return s;
            }
        }
        return null;
    }
}
