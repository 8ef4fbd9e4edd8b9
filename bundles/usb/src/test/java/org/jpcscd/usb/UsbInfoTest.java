package org.jpcscd.usb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Hashtable;
import java.util.List;
import org.jpcscd.usb.api.UsbConnection;
import org.jpcscd.usb.api.UsbDevice;
import org.jpcscd.usb.api.UsbDeviceInfo;
import org.jpcscd.usb.api.UsbEndpointInfo;
import org.jpcscd.usb.api.UsbInfo;
import org.jpcscd.usb.api.UsbInterfaceInfo;
import org.junit.jupiter.api.Test;

/** A device's service properties are what a driver's DS target filter sees. */
class UsbInfoTest {

    @Test
    void propertiesUseUsbInfoNamesAndFixedWidthHex() {
        UsbDevice device = new UsbDevice() {
            @Override
            public UsbDeviceInfo info() {
                return new UsbDeviceInfo(0x08E6, 0x4433, 0x0100, 0, 0, 0, "QEMU", "QEMU USB CCID", null, 1, 2);
            }

            @Override
            public List<UsbInterfaceInfo> interfaces() {
                return List.of(
                        new UsbInterfaceInfo(0, 0x03, 1, 1, new byte[0], List.<UsbEndpointInfo>of(), null),
                        new UsbInterfaceInfo(1, 0x0B, 0, 0, new byte[54], List.<UsbEndpointInfo>of(), "CCID"));
            }

            @Override
            public UsbConnection open() {
                throw new UnsupportedOperationException();
            }
        };
        Hashtable<String, Object> props = UsbInfo.properties(device);
        assertEquals("08e6", props.get(UsbInfo.ID_VENDOR));
        assertEquals("4433", props.get(UsbInfo.ID_PRODUCT));
        assertEquals("0100", props.get(UsbInfo.BCD_DEVICE));
        assertArrayEquals(new String[] {"03", "0b"}, (String[]) props.get(UsbInfo.INTERFACE_CLASS));
        assertArrayEquals(new String[] {"00", "01"}, (String[]) props.get(UsbInfo.INTERFACE_NUMBER));
        assertEquals("QEMU USB CCID", props.get(UsbInfo.PRODUCT));
        assertFalse(props.containsKey(UsbInfo.SERIAL_NUMBER), "absent strings are absent properties");
        assertEquals(1, props.get(UsbInfo.BUS));
        assertEquals(2, props.get(UsbInfo.ADDRESS));
        assertEquals("usb:08e6/4433:libusb-1.0:1:2:1", device.info().deviceName(1));
    }
}
