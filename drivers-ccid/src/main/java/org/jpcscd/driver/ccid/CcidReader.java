package org.jpcscd.driver.ccid;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jpcscd.api.ifd.CardEventListener;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.usb.api.UsbConnection;
import org.jpcscd.usb.api.UsbDevice;
import org.jpcscd.usb.api.UsbException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One CCID reader on an open USB connection, with one {@link CcidSlot} per slot. */
final class CcidReader implements IfdReader {
    private static final Logger LOG = LoggerFactory.getLogger(CcidReader.class);
    private static final Duration RESYNC_TIMEOUT = Duration.ofMillis(100);
    private static final int GET_DATA_RATES = 0x03;

    private final String friendlyName;
    private final UsbConnection connection;
    private final CcidReaderContext context;
    private final List<CcidSlot> slots;
    private final InterruptWatcher watcher;
    private volatile CardEventListener listener;

    private CcidReader(String friendlyName, UsbConnection connection, CcidReaderContext context,
            Duration interruptReadSlice, Runnable onDeviceGone) {
        this.friendlyName = friendlyName;
        this.connection = connection;
        this.context = context;
        List<CcidSlot> list = new ArrayList<>();
        for (int i = 0; i < context.descriptor().slotCount(); i++) {
            list.add(new CcidSlot(context, i));
        }
        this.slots = List.copyOf(list);
        // libccid only trusts the interrupt pipe of a plain CCID interface (protocol 0).
        boolean events = context.ccid().hasInterruptPipe() && context.ccid().usbInterface().interfaceProtocol() == 0;
        this.watcher = events ? new InterruptWatcher(this, context.transport(), interruptReadSlice, onDeviceGone) : null;
    }

    /**
     * Opens the device, claims the CCID interface and checks the reader answers.
     *
     * @param interruptReadSlice how long one interrupt read waits (bounds how long closing takes)
     * @param onDeviceGone called (once, from the event thread) when the interrupt pipe says the device left
     */
    static CcidReader open(UsbDevice device, CcidInterface ccid, String friendlyName, boolean escapeAllowed,
            Duration interruptReadSlice, Runnable onDeviceGone) throws IfdException {
        UsbConnection connection;
        try {
            connection = device.open();
        } catch (UsbException e) {
            throw e.kind() == UsbException.Kind.NO_DEVICE ? IfdException.noDevice(e.getMessage(), e)
                    : IfdException.communication("cannot open " + friendlyName + ": " + e.getMessage(), e);
        }
        try {
            connection.claimInterface(ccid.usbInterface().number());
            CcidTransport transport = new CcidTransport(connection, ccid);
            checkAlive(transport);
            int[] dataRates = dataRates(transport, ccid.descriptor());
            CcidReaderContext context = new CcidReaderContext(device.info(), ccid, transport, dataRates, escapeAllowed);
            CcidReader reader = new CcidReader(friendlyName, connection, context, interruptReadSlice, onDeviceGone);
            if (reader.watcher != null) {
                reader.watcher.start();
            }
            return reader;
        } catch (UsbException e) {
            connection.close();
            throw e.kind() == UsbException.Kind.NO_DEVICE ? IfdException.noDevice(e.getMessage(), e)
                    : IfdException.communication("cannot claim " + friendlyName + ": " + e.getMessage(), e);
        } catch (IfdException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** libccid's open: GetSlotStatus, then up to two quick retries to resynchronise a confused reader. */
    private static void checkAlive(CcidTransport transport) throws IfdException {
        IfdException last = null;
        Duration timeout = CcidTransport.DEFAULT_READ_TIMEOUT;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                transport.transact(CcidMessage.PC_TO_RDR_GET_SLOT_STATUS, 0, 0, 0, 0, new byte[0], timeout, true);
                return;
            } catch (IfdException e) {
                if (e.code() == IfdResponseCode.NO_SUCH_DEVICE) {
                    throw e;
                }
                last = e;
                timeout = RESYNC_TIMEOUT;
            }
        }
        throw last;
    }

    private static int[] dataRates(CcidTransport transport, CcidDescriptor descriptor) {
        int count = descriptor.numDataRatesSupported();
        if (count == 0) {
            return null;
        }
        try {
            byte[] table = transport.controlIn(GET_DATA_RATES, count * 4);
            if (table.length % 4 != 0) {
                return null;
            }
            int[] rates = new int[table.length / 4];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = CcidDescriptor.u32(table, 4 * i);
            }
            return rates;
        } catch (IfdException e) {
            // No table: every rate up to dwMaxDataRate is allowed.
            return null;
        }
    }

    @Override
    public String friendlyName() {
        return friendlyName;
    }

    @Override
    public List<CcidSlot> slots() {
        return slots;
    }

    @Override
    public boolean reportsCardEvents() {
        return watcher != null;
    }

    @Override
    public void setCardEventListener(CardEventListener listener) {
        this.listener = listener;
    }

    /** Wakes the core for a slot whose card may have come or gone. */
    void signal(int slotIndex) {
        CardEventListener current = listener;
        if (current != null && slotIndex < slots.size()) {
            try {
                current.cardEvent(slots.get(slotIndex));
            } catch (RuntimeException e) {
                LOG.warn("Card event listener failed for {}: {}", friendlyName, e.toString());
            }
        }
    }

    /** The device was unplugged: fail every call from now on without touching it. */
    void deviceRemoved() {
        context.transport().markRemoved();
    }

    /** Stops the event thread and releases the device. */
    void close() {
        if (watcher != null) {
            watcher.stop();
        }
        connection.close();
    }
}
