package org.jpcscd.wire;

import java.io.IOException;

/**
 * A peer sent something the protocol does not allow (unknown command, a struct size that doesn't
 * match the command, an oversize payload). pcscd closes the connection on each of these.
 */
public class WireFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }
}
