package org.jpcscd.core;

/**
 * Serialises driver calls: one per reader, or one per slot when the driver says its slots are
 * independent. A field guarded by the reader's lock rather than a lock of its own, so that a caller
 * waiting for a stuck driver can be released when the reader is removed.
 */
final class DriverGate {
    /** The thread using the driver, or null. */
    Thread holder;

    boolean busy() {
        return holder != null;
    }
}
