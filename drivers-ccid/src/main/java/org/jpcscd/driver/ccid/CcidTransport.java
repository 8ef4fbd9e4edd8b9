package org.jpcscd.driver.ccid;

import java.time.Duration;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.usb.api.UsbConnection;
import org.jpcscd.usb.api.UsbException;

/**
 * The bulk pipe pair of one reader: numbers commands with the shared bSeq counter, waits through
 * time-extension frames and turns USB failures into IFD errors. One command at a time per reader.
 */
final class CcidTransport {
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_STALE_FRAMES = 10;

    private final UsbConnection connection;
    private final CcidInterface ccid;
    private final int readBufferLength;
    private int seq;
    private volatile boolean removed;

    CcidTransport(UsbConnection connection, CcidInterface ccid) {
        this.connection = connection;
        this.ccid = ccid;
        this.readBufferLength = Math.max(ccid.descriptor().maxMessageLength(), 272);
    }

    /**
     * Sends one command and returns its reply.
     *
     * @param checkSeq drop replies whose bSeq is not this command's (libccid does it for all but
     *     XfrBlock)
     */
    synchronized CcidReply transact(int type, int slot, int b7, int b8, int b9, byte[] data, Duration timeout,
            boolean checkSeq) throws IfdException {
        int mySeq = seq;
        seq = (seq + 1) & 0xFF;
        write(CcidMessage.command(type, slot, mySeq, b7, b8, b9, data));
        Duration readTimeout = timeout;
        int stale = 0;
        while (true) {
            CcidReply reply = read(readTimeout);
            if (checkSeq && reply.seq() != mySeq) {
                if (++stale > MAX_STALE_FRAMES) {
                    throw IfdException.communication("reader keeps answering with a wrong bSeq", null);
                }
                continue;
            }
            if (reply.commandStatus() == CcidReply.COMMAND_TIME_EXTENSION) {
                // The reader asks for more time; bError is the multiplier (0 = just wait again).
                if (reply.error() > 0) {
                    readTimeout = readTimeout.multipliedBy(reply.error());
                }
                continue;
            }
            return reply;
        }
    }

    /** One read of the interrupt pipe; null on timeout. */
    byte[] readInterrupt(Duration timeout) throws IfdException {
        try {
            return connection.interruptIn(ccid.interruptIn(), 64, timeout);
        } catch (UsbException e) {
            if (e.kind() == UsbException.Kind.TIMEOUT) {
                return null;
            }
            throw translate(e);
        }
    }

    /** A class-specific control request to the CCID interface (GET_DATA_RATES and the like). */
    byte[] controlIn(int request, int maxLength) throws IfdException {
        try {
            return connection.controlIn(0xA1, request, 0, ccid.usbInterface().number(), maxLength,
                    DEFAULT_READ_TIMEOUT);
        } catch (UsbException e) {
            throw translate(e);
        }
    }

    /** The device was unplugged: no more I/O, every call fails with NO_SUCH_DEVICE. */
    void markRemoved() {
        removed = true;
    }

    boolean removed() {
        return removed;
    }

    private void write(byte[] message) throws IfdException {
        ensurePresent();
        try {
            connection.bulkOut(ccid.bulkOut(), message, WRITE_TIMEOUT);
        } catch (UsbException e) {
            throw translate(e);
        }
    }

    private CcidReply read(Duration timeout) throws IfdException {
        ensurePresent();
        byte[] frame;
        try {
            frame = connection.bulkIn(ccid.bulkIn(), readBufferLength, timeout);
        } catch (UsbException e) {
            throw translate(e);
        }
        CcidReply reply = CcidReply.parse(frame);
        if (reply == null) {
            throw IfdException.communication("malformed reply from the reader (" + frame.length + " bytes)", null);
        }
        return reply;
    }

    private void ensurePresent() throws IfdException {
        if (removed) {
            throw IfdException.noDevice("reader removed", null);
        }
    }

    private IfdException translate(UsbException e) {
        return switch (e.kind()) {
            case NO_DEVICE -> {
                removed = true;
                yield IfdException.noDevice(e.getMessage(), e);
            }
            case TIMEOUT -> IfdException.timeout(e.getMessage());
            default -> IfdException.communication(e.getMessage(), e);
        };
    }
}
