package org.jpcscd.api.rm;

import java.util.Set;

/**
 * APDU tracing, registered by the core: while a reader is traced, every command and response APDU
 * exchanged with it is logged in hex. APDUs can carry PINs and keys, so a daemon may refuse (one
 * started on demand by an unprivileged user must: other users' sessions would be exposed to it).
 */
public interface ApduTracing {
    /** Stands for every reader, present and future, in {@link #start}, {@link #stop} and {@link #traced}. */
    String ALL_READERS = "*";

    /**
     * Starts tracing one reader, or all with {@link #ALL_READERS}.
     *
     * @throws IllegalStateException when this daemon may not trace; the message says why
     */
    void start(String reader);

    /** Stops tracing one reader, or every reader (and the "all" setting) with {@link #ALL_READERS}. */
    void stop(String reader);

    /** The readers traced now; contains {@link #ALL_READERS} when every reader is. */
    Set<String> traced();

    /** Why tracing is refused in this daemon, or null when it is allowed. */
    String refusal();
}
