package org.jpcscd.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who may attach: the daemon's own user and root, as the kernel reports them (SO_PEERCRED). */
final class PeerPolicy {
    private final long ownerUid;

    PeerPolicy(long ownerUid) {
        this.ownerUid = ownerUid;
    }

    static PeerPolicy ofThisProcess() throws IOException {
        return new PeerPolicy(((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue());
    }

    long ownerUid() {
        return ownerUid;
    }

    boolean admits(long peerUid) {
        return peerUid >= 0 && (peerUid == 0 || peerUid == ownerUid);
    }

    /** What a refused peer is told. */
    String refusal(long peerUid) {
        return "jpcscd: access denied: uid " + peerUid + " may not administer this daemon; only its owner (uid "
                + ownerUid + ") and root may attach";
    }
}
