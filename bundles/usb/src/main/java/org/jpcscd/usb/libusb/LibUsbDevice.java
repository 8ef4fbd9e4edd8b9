package org.jpcscd.usb.libusb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jpcscd.usb.api.UsbConnection;
import org.jpcscd.usb.api.UsbDevice;
import org.jpcscd.usb.api.UsbDeviceInfo;
import org.jpcscd.usb.api.UsbEndpointInfo;
import org.jpcscd.usb.api.UsbException;
import org.jpcscd.usb.api.UsbInterfaceInfo;
import org.usb4java.ConfigDescriptor;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.EndpointDescriptor;
import org.usb4java.Interface;
import org.usb4java.InterfaceDescriptor;
import org.usb4java.LibUsb;

/**
 * A device seen by libusb, with its descriptors read once when it arrived. Holds a libusb reference
 * on the device until {@link #dispose()}.
 */
final class LibUsbDevice implements UsbDevice {
    private final Device device;
    private final UsbDeviceInfo info;
    private final List<UsbInterfaceInfo> interfaces;

    private LibUsbDevice(Device device, UsbDeviceInfo info, List<UsbInterfaceInfo> interfaces) {
        this.device = device;
        this.info = info;
        this.interfaces = interfaces;
    }

    /** Reads the descriptors; strings only when the device can be opened (permissions permitting). */
    static LibUsbDevice read(Device device) throws UsbException {
        DeviceDescriptor descriptor = new DeviceDescriptor();
        LibUsbErrors.check(LibUsb.getDeviceDescriptor(device, descriptor), "device descriptor");
        ConfigDescriptor config = new ConfigDescriptor();
        List<UsbInterfaceInfo> interfaces = new ArrayList<>();
        List<Integer> interfaceStringIndexes = new ArrayList<>();
        if (LibUsb.getActiveConfigDescriptor(device, config) == LibUsb.SUCCESS) {
            try {
                for (Interface iface : config.iface()) {
                    InterfaceDescriptor alt = iface.altsetting()[0];
                    List<UsbEndpointInfo> endpoints = new ArrayList<>();
                    for (EndpointDescriptor ep : alt.endpoint()) {
                        endpoints.add(new UsbEndpointInfo(ep.bEndpointAddress() & 0xFF, ep.bmAttributes() & 0xFF,
                                ep.wMaxPacketSize() & 0xFFFF, bytes(ep.extra(), ep.extraLength())));
                    }
                    interfaces.add(new UsbInterfaceInfo(alt.bInterfaceNumber() & 0xFF, alt.bInterfaceClass() & 0xFF,
                            alt.bInterfaceSubClass() & 0xFF, alt.bInterfaceProtocol() & 0xFF,
                            bytes(alt.extra(), alt.extraLength()), endpoints, null));
                    interfaceStringIndexes.add(alt.iInterface() & 0xFF);
                }
            } finally {
                LibUsb.freeConfigDescriptor(config);
            }
        }
        String manufacturer = null;
        String product = null;
        String serial = null;
        DeviceHandle handle = new DeviceHandle();
        if (LibUsb.open(device, handle) == LibUsb.SUCCESS) {
            try {
                manufacturer = string(handle, descriptor.iManufacturer());
                product = string(handle, descriptor.iProduct());
                serial = string(handle, descriptor.iSerialNumber());
                for (int i = 0; i < interfaces.size(); i++) {
                    String name = string(handle, interfaceStringIndexes.get(i).byteValue());
                    if (name != null) {
                        UsbInterfaceInfo plain = interfaces.get(i);
                        interfaces.set(i, new UsbInterfaceInfo(plain.number(), plain.interfaceClass(),
                                plain.interfaceSubClass(), plain.interfaceProtocol(), plain.extra(),
                                plain.endpoints(), name));
                    }
                }
            } finally {
                LibUsb.close(handle);
            }
        }
        UsbDeviceInfo info = new UsbDeviceInfo(descriptor.idVendor() & 0xFFFF, descriptor.idProduct() & 0xFFFF,
                descriptor.bcdDevice() & 0xFFFF, descriptor.bDeviceClass() & 0xFF,
                descriptor.bDeviceSubClass() & 0xFF, descriptor.bDeviceProtocol() & 0xFF, manufacturer, product,
                serial, LibUsb.getBusNumber(device), LibUsb.getDeviceAddress(device));
        return new LibUsbDevice(LibUsb.refDevice(device), info, List.copyOf(interfaces));
    }

    @Override
    public UsbDeviceInfo info() {
        return info;
    }

    @Override
    public List<UsbInterfaceInfo> interfaces() {
        return interfaces;
    }

    @Override
    public UsbConnection open() throws UsbException {
        DeviceHandle handle = new DeviceHandle();
        LibUsbErrors.check(LibUsb.open(device, handle), "open " + info.deviceName(0));
        return new LibUsbConnection(handle);
    }

    /** The bus position, which identifies the device until it leaves. */
    String key() {
        return info.bus() + ":" + info.address();
    }

    void dispose() {
        LibUsb.unrefDevice(device);
    }

    private static String string(DeviceHandle handle, byte index) {
        if (index == 0) {
            return null;
        }
        try {
            return LibUsb.getStringDescriptor(handle, index);
        } catch (RuntimeException e) {
            // usb4java throws LibUsbException for a string the device will not give.
            return null;
        }
    }

    private static byte[] bytes(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        if (length > 0) {
            buffer.get(0, bytes);
        }
        return bytes;
    }
}
