package org.jpcscd.driver.ccid;

import java.util.List;
import java.util.Optional;
import org.jpcscd.usb.api.UsbDevice;
import org.jpcscd.usb.api.UsbEndpointInfo;
import org.jpcscd.usb.api.UsbInterfaceInfo;

/**
 * Where a CCID reader lives inside a USB device: the interface, its class descriptor and its
 * endpoints, found the way libccid finds them (ccid.md §1.4).
 *
 * @param interruptIn the interrupt-IN endpoint address, or -1 when the reader has none
 */
record CcidInterface(UsbInterfaceInfo usbInterface, CcidDescriptor descriptor, int bulkOut, int bulkIn,
        int interruptIn) {

    static final int CLASS_CCID = 0x0B;
    static final int CLASS_VENDOR = 0xFF;

    /** The first CCID interface of the device, if it has one. */
    static Optional<CcidInterface> find(UsbDevice device) {
        for (UsbInterfaceInfo candidate : device.interfaces()) {
            byte[] classDescriptor = classDescriptor(candidate);
            boolean ccid = candidate.interfaceClass() == CLASS_CCID && candidate.interfaceProtocol() == 0;
            // Pre-standard readers use the vendor class but still carry the 54-byte descriptor.
            boolean preStandard = candidate.interfaceClass() == CLASS_VENDOR && classDescriptor != null;
            if ((ccid || preStandard) && classDescriptor != null) {
                return endpoints(candidate, CcidDescriptor.parse(classDescriptor));
            }
        }
        return Optional.empty();
    }

    boolean hasInterruptPipe() {
        return interruptIn >= 0;
    }

    private static byte[] classDescriptor(UsbInterfaceInfo candidate) {
        byte[] extra = candidate.extra();
        if (extra.length == CcidDescriptor.LENGTH) {
            return extra;
        }
        // Quirk of a few old readers (O2Micro OZ776, Reiner SCT): the descriptor follows the last endpoint.
        List<UsbEndpointInfo> endpoints = candidate.endpoints();
        if (extra.length == 0 && !endpoints.isEmpty()) {
            byte[] last = endpoints.get(endpoints.size() - 1).extra();
            if (last.length == CcidDescriptor.LENGTH) {
                return last;
            }
        }
        return null;
    }

    private static Optional<CcidInterface> endpoints(UsbInterfaceInfo usbInterface, CcidDescriptor descriptor) {
        int bulkOut = -1;
        int bulkIn = -1;
        int interrupt = -1;
        for (UsbEndpointInfo endpoint : usbInterface.endpoints()) {
            if (endpoint.attributes() == UsbEndpointInfo.TRANSFER_INTERRUPT) {
                interrupt = endpoint.address();
            } else if (endpoint.attributes() == UsbEndpointInfo.TRANSFER_BULK) {
                if (endpoint.isIn()) {
                    bulkIn = endpoint.address();
                } else {
                    bulkOut = endpoint.address();
                }
            }
        }
        if (bulkIn < 0 || bulkOut < 0) {
            return Optional.empty();
        }
        return Optional.of(new CcidInterface(usbInterface, descriptor, bulkOut, bulkIn, interrupt));
    }
}
