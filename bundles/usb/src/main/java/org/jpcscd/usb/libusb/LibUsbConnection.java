package org.jpcscd.usb.libusb;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jpcscd.usb.api.UsbConnection;
import org.jpcscd.usb.api.UsbException;
import org.usb4java.DeviceHandle;
import org.usb4java.LibUsb;

/** A usb4java device handle behind the synchronous transport interface. */
final class LibUsbConnection implements UsbConnection {
    private final DeviceHandle handle;
    private final Set<Integer> claimed = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    LibUsbConnection(DeviceHandle handle) {
        this.handle = handle;
    }

    @Override
    public void claimInterface(int interfaceNumber) throws UsbException {
        ensureOpen();
        // Ignored where unsupported: only matters if a kernel driver holds the interface.
        LibUsb.setAutoDetachKernelDriver(handle, true);
        LibUsbErrors.check(LibUsb.claimInterface(handle, interfaceNumber), "claim interface " + interfaceNumber);
        claimed.add(interfaceNumber);
    }

    @Override
    public void releaseInterface(int interfaceNumber) throws UsbException {
        ensureOpen();
        claimed.remove(interfaceNumber);
        LibUsbErrors.check(LibUsb.releaseInterface(handle, interfaceNumber), "release interface " + interfaceNumber);
    }

    @Override
    public void bulkOut(int endpoint, byte[] data, Duration timeout) throws UsbException {
        ensureOpen();
        ByteBuffer buffer = ByteBuffer.allocateDirect(data.length);
        buffer.put(data).flip();
        IntBuffer transferred = IntBuffer.allocate(1);
        int result = LibUsb.bulkTransfer(handle, (byte) endpoint, buffer, transferred, timeout.toMillis());
        LibUsbErrors.check(result, "bulk out");
        if (transferred.get(0) != data.length) {
            throw new UsbException(UsbException.Kind.OTHER,
                    "bulk out: wrote " + transferred.get(0) + " of " + data.length + " bytes");
        }
    }

    @Override
    public byte[] bulkIn(int endpoint, int maxLength, Duration timeout) throws UsbException {
        ensureOpen();
        ByteBuffer buffer = ByteBuffer.allocateDirect(maxLength);
        IntBuffer transferred = IntBuffer.allocate(1);
        LibUsbErrors.check(LibUsb.bulkTransfer(handle, (byte) endpoint, buffer, transferred, timeout.toMillis()),
                "bulk in");
        return read(buffer, transferred.get(0));
    }

    @Override
    public byte[] interruptIn(int endpoint, int maxLength, Duration timeout) throws UsbException {
        ensureOpen();
        ByteBuffer buffer = ByteBuffer.allocateDirect(maxLength);
        IntBuffer transferred = IntBuffer.allocate(1);
        LibUsbErrors.check(
                LibUsb.interruptTransfer(handle, (byte) endpoint, buffer, transferred, timeout.toMillis()),
                "interrupt in");
        return read(buffer, transferred.get(0));
    }

    @Override
    public byte[] controlIn(int requestType, int request, int value, int index, int maxLength, Duration timeout)
            throws UsbException {
        ensureOpen();
        ByteBuffer buffer = ByteBuffer.allocateDirect(maxLength);
        int result = LibUsb.controlTransfer(handle, (byte) requestType, (byte) request, (short) value,
                (short) index, buffer, timeout.toMillis());
        LibUsbErrors.check(result, "control in");
        return read(buffer, result);
    }

    @Override
    public void controlOut(int requestType, int request, int value, int index, byte[] data, Duration timeout)
            throws UsbException {
        ensureOpen();
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(data.length, 0));
        buffer.put(data).flip();
        LibUsbErrors.check(LibUsb.controlTransfer(handle, (byte) requestType, (byte) request, (short) value,
                (short) index, buffer, timeout.toMillis()), "control out");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int number : claimed) {
            LibUsb.releaseInterface(handle, number);
        }
        LibUsb.close(handle);
    }

    private void ensureOpen() throws UsbException {
        if (closed) {
            throw new UsbException(UsbException.Kind.NO_DEVICE, "connection closed");
        }
    }

    private static byte[] read(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        return bytes;
    }
}
