package org.jpcscd.usb.api;

import java.util.List;

/**
 * One interface (alternate setting 0) of the active configuration.
 *
 * @param extra the class-specific bytes stored between the interface and its endpoint descriptors
 *     (for CCID: the 54-byte class descriptor)
 * @param name the iInterface string, or null
 */
public record UsbInterfaceInfo(
        int number,
        int interfaceClass,
        int interfaceSubClass,
        int interfaceProtocol,
        byte[] extra,
        List<UsbEndpointInfo> endpoints,
        String name) {

    public UsbInterfaceInfo {
        extra = extra.clone();
        endpoints = List.copyOf(endpoints);
    }

    @Override
    public byte[] extra() {
        return extra.clone();
    }
}
