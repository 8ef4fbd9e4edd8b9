package org.jpcscd.usb.libusb;

import org.jpcscd.usb.api.UsbException;
import org.usb4java.LibUsb;

/** Turns libusb result codes into {@link UsbException}s a driver can act on. */
final class LibUsbErrors {
    private LibUsbErrors() {
    }

    static UsbException toException(int result, String what) {
        UsbException.Kind kind = switch (result) {
            case LibUsb.ERROR_NO_DEVICE -> UsbException.Kind.NO_DEVICE;
            case LibUsb.ERROR_TIMEOUT -> UsbException.Kind.TIMEOUT;
            case LibUsb.ERROR_PIPE -> UsbException.Kind.STALL;
            case LibUsb.ERROR_ACCESS -> UsbException.Kind.ACCESS;
            default -> UsbException.Kind.OTHER;
        };
        return new UsbException(kind, what + ": " + LibUsb.errorName(result));
    }

    static void check(int result, String what) throws UsbException {
        if (result < 0) {
            throw toException(result, what);
        }
    }
}
