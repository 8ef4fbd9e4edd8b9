package org.jpcscd.driver.ccid;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.jpcscd.api.ifd.IfdException;

/**
 * PC_to_RDR_XfrBlock for one slot, at every exchange level: one message per TPDU or short APDU,
 * and the wLevelParameter chaining of extended-APDU readers (ccid.md §2.8).
 */
final class XfrChannel {
    private static final int CHAIN_BEGINS = 0x01;
    private static final int CHAIN_ENDS = 0x02;
    private static final int CHAIN_CONTINUES = 0x03;
    private static final int CHAIN_NEXT_RESPONSE = 0x10;
    /** The answers libccid fakes for a pin pad that timed out or was cancelled. */
    private static final byte[] SW_PIN_TIMEOUT = {0x64, 0x00};
    private static final byte[] SW_PIN_CANCELLED = {0x64, 0x01};

    /** Thrown when the reader reports a parity error, which the T=1 layer turns into an R-block. */
    static final class ParityError extends Exception {
        private static final long serialVersionUID = 1L;

        ParityError() {
            super("parity error", null, false, false);
        }
    }

    private final CcidTransport transport;
    private final int slot;
    private final int maxPayload;

    XfrChannel(CcidTransport transport, int slot, int maxPayload) {
        this.transport = transport;
        this.slot = slot;
        this.maxPayload = maxPayload;
    }

    /** One message each way (TPDU and short APDU level). */
    byte[] single(byte[] data, int bwi, Duration timeout) throws IfdException, ParityError {
        if (data.length > maxPayload) {
            throw IfdException.communication("command of " + data.length + " bytes exceeds the reader's "
                    + maxPayload, null);
        }
        return dataOf(send(data, bwi, 0, timeout));
    }

    /** Extended APDU level: chains the command and the response as needed. */
    byte[] chained(byte[] apdu, Duration timeout) throws IfdException, ParityError {
        CcidReply reply;
        if (apdu.length <= maxPayload) {
            reply = send(apdu, 0, 0, timeout);
        } else {
            int offset = 0;
            int level = CHAIN_BEGINS;
            while (true) {
                int length = Math.min(maxPayload, apdu.length - offset);
                byte[] piece = java.util.Arrays.copyOfRange(apdu, offset, offset + length);
                offset += length;
                reply = send(piece, 0, level, timeout);
                if (offset >= apdu.length) {
                    break;
                }
                dataOf(reply);
                level = offset + maxPayload >= apdu.length ? CHAIN_ENDS : CHAIN_CONTINUES;
            }
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(dataOf(reply));
        while (reply.parameter() == CHAIN_BEGINS || reply.parameter() == CHAIN_CONTINUES
                || reply.parameter() == CHAIN_NEXT_RESPONSE) {
            reply = send(new byte[0], 0, CHAIN_NEXT_RESPONSE, timeout);
            response.writeBytes(dataOf(reply));
        }
        return response.toByteArray();
    }

    private CcidReply send(byte[] data, int bwi, int level, Duration timeout) throws IfdException {
        return transport.transact(CcidMessage.PC_TO_RDR_XFR_BLOCK, slot, bwi, level & 0xFF, level >> 8, data,
                timeout, false);
    }

    /** The reply's data, or the IFD error its bError stands for (libccid's CCID_Receive). */
    static byte[] dataOf(CcidReply reply) throws IfdException, ParityError {
        if (!reply.failed()) {
            return reply.data();
        }
        switch (reply.error()) {
            case CcidReply.ERROR_PIN_CANCELLED:
                return SW_PIN_CANCELLED.clone();
            case CcidReply.ERROR_PIN_TIMEOUT:
                return SW_PIN_TIMEOUT.clone();
            case CcidReply.ERROR_XFR_PARITY:
                throw new ParityError();
            case CcidReply.ERROR_ICC_MUTE:
                if (reply.iccStatus() == CcidReply.ICC_ABSENT) {
                    throw IfdException.noCard("no card in the slot");
                }
                throw IfdException.timeout("card mute");
            default:
                throw IfdException.communication(String.format("reader reported error 0x%02X", reply.error()), null);
        }
    }
}
