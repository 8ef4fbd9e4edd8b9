package org.jpcscd.api.ifd;

import java.util.List;

/**
 * A physical reader, published by its driver as an OSGi service for as long as it is usable.
 *
 * <p>Unregistering the service is how a driver says the reader is gone (unplugged, driver stopped);
 * the core then fails every handle on it. The core never closes a reader it did not open: the driver
 * owns the device.
 *
 * <p>Service properties a driver may set: {@link #FRIENDLY_NAME} (the reader's name without the
 * {@code " 00 00"} suffix the core adds), {@link #DEVICE_NAME} (how the device was found, e.g.
 * {@code usb:08e6/3437:libusb-1.0:1:5:0}).
 */
public interface IfdReader {
    String FRIENDLY_NAME = "ifd.friendly.name";
    String DEVICE_NAME = "ifd.device.name";

    /** The reader's base name as pcscd would build it, e.g. "Gemalto PC Twin Reader (12345678)". */
    String friendlyName();

    /** The slots, in index order; at least one. Fixed for the life of the service. */
    List<? extends IfdSlot> slots();

    /** True when the core may use different slots of this reader at the same time. */
    default boolean slotsAreIndependent() {
        return false;
    }

    /**
     * True when the driver reports insertion and removal through the listener; the core then does not
     * poll presence.
     */
    default boolean reportsCardEvents() {
        return false;
    }

    /** Installs (or with null removes) the core's listener. Only called when {@link #reportsCardEvents()}. */
    default void setCardEventListener(CardEventListener listener) {
    }
}
