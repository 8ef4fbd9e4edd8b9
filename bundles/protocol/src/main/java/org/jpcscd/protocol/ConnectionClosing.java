package org.jpcscd.protocol;

import java.io.IOException;

/**
 * The session must end the connection without a reply, the way pcscd does for a protocol violation.
 * The message is the one log line saying why.
 */
final class ConnectionClosing extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectionClosing(String reason) {
        super(reason);
    }
}
