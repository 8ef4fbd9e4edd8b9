package org.jpcscd.usb.api;

import java.util.List;

/**
 * One attached USB device, registered as an OSGi service for as long as it is plugged in. Its
 * descriptors are also service properties (the {@link UsbInfo} names), so a driver selects the
 * devices it wants with a plain DS target filter, e.g. {@code (usbinfo.bInterfaceClass=0b)}.
 */
public interface UsbDevice {
    /** Device descriptor fields, strings, and where the device sits on the bus. */
    UsbDeviceInfo info();

    /** The interfaces (alternate setting 0) of the active configuration, in interface order. */
    List<UsbInterfaceInfo> interfaces();

    /** Opens the device for transfers; the caller closes the connection. */
    UsbConnection open() throws UsbException;
}
