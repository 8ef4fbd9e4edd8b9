package org.jpcscd.usb.api;

import java.util.Hashtable;
import java.util.List;

/**
 * Service property names of a {@link UsbDevice}, taken from the OSGi USB Information Device
 * Category (compendium chapter 145). Hex values are lower-case strings of fixed width (4 digits for
 * ids and bcdDevice, 2 for classes). Since one service stands for the whole device, the interface
 * properties are arrays with one entry per interface, in interface order.
 */
public final class UsbInfo {
    public static final String DEVICE_CATEGORY_VALUE = "USBInfo";
    public static final String ID_VENDOR = "usbinfo.idVendor";
    public static final String ID_PRODUCT = "usbinfo.idProduct";
    public static final String BCD_DEVICE = "usbinfo.bcdDevice";
    public static final String DEVICE_CLASS = "usbinfo.bDeviceClass";
    public static final String DEVICE_SUBCLASS = "usbinfo.bDeviceSubClass";
    public static final String DEVICE_PROTOCOL = "usbinfo.bDeviceProtocol";
    public static final String INTERFACE_NUMBER = "usbinfo.bInterfaceNumber";
    public static final String INTERFACE_CLASS = "usbinfo.bInterfaceClass";
    public static final String INTERFACE_SUBCLASS = "usbinfo.bInterfaceSubClass";
    public static final String INTERFACE_PROTOCOL = "usbinfo.bInterfaceProtocol";
    public static final String MANUFACTURER = "usbinfo.Manufacturer";
    public static final String PRODUCT = "usbinfo.Product";
    public static final String SERIAL_NUMBER = "usbinfo.SerialNumber";
    public static final String BUS = "usbinfo.bus";
    public static final String ADDRESS = "usbinfo.address";
    /** The OSGi Device Access category property. */
    public static final String DEVICE_CATEGORY = "DEVICE_CATEGORY";

    private UsbInfo() {
    }

    /** The service properties that describe {@code device}; whoever registers a device uses these. */
    public static Hashtable<String, Object> properties(UsbDevice device) {
        UsbDeviceInfo info = device.info();
        List<UsbInterfaceInfo> interfaces = device.interfaces();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(DEVICE_CATEGORY, new String[] {DEVICE_CATEGORY_VALUE});
        props.put(ID_VENDOR, hex4(info.vendorId()));
        props.put(ID_PRODUCT, hex4(info.productId()));
        props.put(BCD_DEVICE, hex4(info.bcdDevice()));
        props.put(DEVICE_CLASS, hex2(info.deviceClass()));
        props.put(DEVICE_SUBCLASS, hex2(info.deviceSubClass()));
        props.put(DEVICE_PROTOCOL, hex2(info.deviceProtocol()));
        props.put(INTERFACE_NUMBER, interfaces.stream().map(i -> hex2(i.number())).toArray(String[]::new));
        props.put(INTERFACE_CLASS, interfaces.stream().map(i -> hex2(i.interfaceClass())).toArray(String[]::new));
        props.put(INTERFACE_SUBCLASS, interfaces.stream().map(i -> hex2(i.interfaceSubClass())).toArray(String[]::new));
        props.put(INTERFACE_PROTOCOL, interfaces.stream().map(i -> hex2(i.interfaceProtocol())).toArray(String[]::new));
        if (info.manufacturer() != null) {
            props.put(MANUFACTURER, info.manufacturer());
        }
        if (info.product() != null) {
            props.put(PRODUCT, info.product());
        }
        if (info.serialNumber() != null) {
            props.put(SERIAL_NUMBER, info.serialNumber());
        }
        props.put(BUS, info.bus());
        props.put(ADDRESS, info.address());
        return props;
    }

    public static String hex4(int value) {
        return String.format("%04x", value & 0xFFFF);
    }

    public static String hex2(int value) {
        return String.format("%02x", value & 0xFF);
    }
}
