package org.jpcscd.launcher;

import java.util.Map;
import java.util.OptionalInt;

/**
 * systemd socket activation as {@code sd_listen_fds(3)} sees it: LISTEN_PID names this process and
 * LISTEN_FDS counts the sockets passed from fd 3 on. pcscd serves exactly one and refuses more.
 */
final class SocketActivation {
    static final int FIRST_FD = 3;

    private SocketActivation() {
    }

    /** The inherited listening fd, or empty when this process was not socket-activated. */
    static OptionalInt listeningFd(Map<String, String> environment, long pid) {
        String listenPid = environment.get("LISTEN_PID");
        String listenFds = environment.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null) {
            return OptionalInt.empty();
        }
        try {
            // Variables meant for another process (a parent that did not clear them) are ignored.
            if (Long.parseLong(listenPid.trim()) != pid) {
                return OptionalInt.empty();
            }
            int count = Integer.parseInt(listenFds.trim());
            if (count == 0) {
                return OptionalInt.empty();
            }
            if (count != 1) {
                throw new LaunchException("too many file descriptors received from systemd (LISTEN_FDS=" + count
                        + "); the socket unit must listen on one stream socket");
            }
            return OptionalInt.of(FIRST_FD);
        } catch (NumberFormatException e) {
            throw new LaunchException("unreadable LISTEN_PID/LISTEN_FDS: " + listenPid + "/" + listenFds);
        }
    }
}
