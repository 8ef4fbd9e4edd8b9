package org.jpcscd.usb.api;

import java.io.IOException;

/** A USB operation failed; {@link #kind()} tells a driver what to make of it. */
public class UsbException extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The device is gone (unplugged); nothing more will work on it. */
        NO_DEVICE,
        /** The transfer did not complete in time. */
        TIMEOUT,
        /** The endpoint stalled (for control requests: the device does not support it). */
        STALL,
        /** No permission to open the device. */
        ACCESS,
        /** Anything else. */
        OTHER
    }

    private final Kind kind;

    public UsbException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
