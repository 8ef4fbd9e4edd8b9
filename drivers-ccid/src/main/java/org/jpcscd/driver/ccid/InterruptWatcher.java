package org.jpcscd.driver.ccid;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the reader's interrupt pipe and turns RDR_to_PC_NotifySlotChange into card events, so the
 * core never polls a reader that has one (ccid.md §2.9).
 */
final class InterruptWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptWatcher.class);
    private final CcidReader reader;
    private final CcidTransport transport;
    private final Runnable onDeviceGone;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    /**
     * Bounds each read so that stopping does not wait long. A synchronous transfer cannot be
     * cancelled, and the gap between two reads must stay tiny: some readers (QEMU's) drop a
     * notification that finds no transfer pending.
     */
    private final Duration readSlice;

    InterruptWatcher(CcidReader reader, CcidTransport transport, Duration readSlice, Runnable onDeviceGone) {
        this.reader = reader;
        this.readSlice = readSlice;
        this.transport = transport;
        this.onDeviceGone = onDeviceGone;
        this.thread = new Thread(this::run, "ccid-events " + reader.friendlyName());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped.countDown();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(readSlice.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        boolean warned = false;
        while (stopped.getCount() > 0) {
            byte[] message;
            try {
                message = transport.readInterrupt(readSlice);
            } catch (IfdException e) {
                if (e.code() == IfdResponseCode.NO_SUCH_DEVICE) {
                    if (stopped.getCount() > 0) {
                        onDeviceGone.run();
                    }
                    return;
                }
                if (!warned) {
                    LOG.warn("Interrupt pipe of {} failed: {}", reader.friendlyName(), e.getMessage());
                    warned = true;
                }
                if (pause()) {
                    return;
                }
                continue;
            }
            if (message != null && message.length > 0) {
                dispatch(message);
            }
        }
    }

    private void dispatch(byte[] message) {
        int slotCount = reader.slots().size();
        switch (message[0] & 0xFF) {
            case CcidMessage.RDR_TO_PC_NOTIFY_SLOT_CHANGE -> {
                for (int slot = 0; slot < slotCount; slot++) {
                    int byteIndex = 1 + slot / 4;
                    boolean changed = byteIndex < message.length
                            && (message[byteIndex] & (0x02 << (2 * (slot % 4)))) != 0;
                    // One-slot readers: any notification is worth a look (libccid does not decode it).
                    if (changed || slotCount == 1) {
                        reader.signal(slot);
                    }
                }
            }
            case CcidMessage.RDR_TO_PC_HARDWARE_ERROR -> {
                int slot = message.length > 1 ? message[1] & 0xFF : 0;
                int code = message.length > 3 ? message[3] & 0xFF : 0;
                LOG.warn("{} reports hardware error 0x{} on slot {}", reader.friendlyName(),
                        Integer.toHexString(code), slot);
                reader.signal(slot);
            }
            default -> {
                // unknown interrupt message: nothing to do
            }
        }
    }

    /** Waits a little before retrying a failing pipe; true when asked to stop meanwhile. */
    private boolean pause() {
        try {
            return stopped.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
