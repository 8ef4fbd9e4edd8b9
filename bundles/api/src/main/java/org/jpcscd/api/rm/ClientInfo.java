package org.jpcscd.api.rm;

/**
 * Who is on the other end of a context, as the kernel told the daemon (SO_PEERCRED).
 *
 * @param pid the peer's process id, -1 when unknown
 * @param uid the peer's user id, -1 when unknown
 * @param gid the peer's group id, -1 when unknown
 * @param transport how the client reached the daemon, e.g. "socket" or "in-process"
 */
public record ClientInfo(long pid, long uid, long gid, String transport) {
    /** A caller inside the daemon's own JVM (tests, the shell). */
    public static ClientInfo inProcess() {
        return new ClientInfo(ProcessHandle.current().pid(), -1, -1, "in-process");
    }

    @Override
    public String toString() {
        return "pid " + pid + " uid " + uid + " (" + transport + ")";
    }
}
