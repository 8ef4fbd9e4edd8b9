package org.jpcscd.usb.api;

/**
 * What the device descriptor and its string descriptors say, plus the bus position.
 *
 * @param manufacturer iManufacturer string, or null when absent or unreadable
 * @param product iProduct string, or null
 * @param serialNumber iSerialNumber string, or null
 */
public record UsbDeviceInfo(
        int vendorId,
        int productId,
        int bcdDevice,
        int deviceClass,
        int deviceSubClass,
        int deviceProtocol,
        String manufacturer,
        String product,
        String serialNumber,
        int bus,
        int address) {

    /** pcscd's libusb device name form: {@code usb:vvvv/pppp:libusb-1.0:bus:address:interface}. */
    public String deviceName(int interfaceNumber) {
        return String.format("usb:%04x/%04x:libusb-1.0:%d:%d:%d", vendorId, productId, bus, address, interfaceNumber);
    }
}
