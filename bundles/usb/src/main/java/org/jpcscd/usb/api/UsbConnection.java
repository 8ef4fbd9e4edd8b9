package org.jpcscd.usb.api;

import java.time.Duration;

/**
 * An open device. Every transfer is synchronous and bounded by its timeout; one that fails because
 * the device was unplugged throws {@link UsbException} with {@link UsbException.Kind#NO_DEVICE}.
 * Transfers on different endpoints may run on different threads at the same time.
 */
public interface UsbConnection extends AutoCloseable {
    void claimInterface(int interfaceNumber) throws UsbException;

    void releaseInterface(int interfaceNumber) throws UsbException;

    /** Writes all of {@code data} to a bulk OUT endpoint. */
    void bulkOut(int endpoint, byte[] data, Duration timeout) throws UsbException;

    /** Reads one transfer (up to {@code maxLength} bytes) from a bulk IN endpoint. */
    byte[] bulkIn(int endpoint, int maxLength, Duration timeout) throws UsbException;

    /**
     * Reads one transfer from an interrupt IN endpoint; {@link UsbException.Kind#TIMEOUT} when
     * nothing came in time.
     */
    byte[] interruptIn(int endpoint, int maxLength, Duration timeout) throws UsbException;

    /** A control transfer device-to-host (bit 7 of {@code requestType} set); returns the data read. */
    byte[] controlIn(int requestType, int request, int value, int index, int maxLength, Duration timeout)
            throws UsbException;

    /** A control transfer host-to-device. */
    void controlOut(int requestType, int request, int value, int index, byte[] data, Duration timeout)
            throws UsbException;

    /** Releases what was claimed and closes the device. Never throws. */
    @Override
    void close();
}
