package org.jpcscd.usb.api;

/**
 * One endpoint descriptor.
 *
 * @param address bEndpointAddress (bit 7 set = IN)
 * @param attributes bmAttributes (2 = bulk, 3 = interrupt)
 * @param extra class-specific bytes after the endpoint descriptor (some old readers put their CCID
 *     descriptor here)
 */
public record UsbEndpointInfo(int address, int attributes, int maxPacketSize, byte[] extra) {
    public static final int TRANSFER_BULK = 2;
    public static final int TRANSFER_INTERRUPT = 3;

    public UsbEndpointInfo {
        extra = extra.clone();
    }

    @Override
    public byte[] extra() {
        return extra.clone();
    }

    public boolean isIn() {
        return (address & 0x80) != 0;
    }
}
