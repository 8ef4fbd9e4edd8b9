package org.jpcscd.driver.ccid;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;

/**
 * The host side of the T=1 block protocol for TPDU-level readers (ccid.md §3.3): chaining both
 * ways within IFSC/IFSD, WTX, IFS requests, error recovery with R-blocks and resynchronisation.
 */
final class T1Protocol {
    /** Sends one block in one XfrBlock and returns the card's block; null when the reader saw a parity error. */
    interface BlockChannel {
        byte[] exchange(byte[] block, int bwi) throws IfdException;
    }

    private static final int MAX_RETRIES = 3;
    private static final int MAX_RESYNCHS = 3;

    private final BlockChannel channel;
    private int ns;
    private int nr;
    private int ifsc = 32;
    private int ifsd = 32;
    private boolean crc;
    private int resynchs;
    private int pendingWtx;

    T1Protocol(BlockChannel channel) {
        this.channel = channel;
    }

    /** After every power-up: sequence numbers back to 0, sizes and checksum from the ATR. */
    void reset(int ifsc, boolean crc) {
        this.ns = 0;
        this.nr = 0;
        this.ifsc = ifsc;
        this.ifsd = 32;
        this.crc = crc;
        this.resynchs = 0;
        this.pendingWtx = 0;
    }

    int ifsc() {
        return ifsc;
    }

    int ifsd() {
        return ifsd;
    }

    /** Tells the card the largest block we accept; true if it agreed. */
    boolean negotiateIfsd(int size) throws IfdException {
        byte[] request = block(T1Block.sRequest(T1Block.S_IFS, new byte[] {(byte) size}));
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            byte[] reply = exchangeTolerant(request);
            if (T1Block.valid(reply, crc) && T1Block.pcb(reply) == (0xE0 | T1Block.S_IFS)
                    && Arrays.equals(T1Block.inf(reply), new byte[] {(byte) size})) {
                ifsd = size;
                return true;
            }
        }
        return false;
    }

    /** Sends a command APDU and returns the whole response APDU. */
    byte[] transceive(byte[] apdu) throws IfdException {
        if (resynchs > MAX_RESYNCHS) {
            throw IfdException.communication("T=1 dead after repeated resynchronisation; reset the card", null);
        }
        while (true) {
            byte[] response = tryTransceive(apdu);
            if (response != null) {
                return response;
            }
            resynchronise();
        }
    }

    /** One attempt; null when the exchange must be restarted after a resynchronisation. */
    private byte[] tryTransceive(byte[] apdu) throws IfdException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        int offset = 0;
        int chunk = Math.min(ifsc, apdu.length);
        boolean more = apdu.length > chunk;
        byte[] lastIBlock = block(T1Block.iBlock(ns, more, Arrays.copyOfRange(apdu, 0, chunk)));
        byte[] toSend = lastIBlock;
        boolean sending = true;
        int errors = 0;
        while (true) {
            byte[] reply = exchangeTolerant(toSend);
            if (!T1Block.valid(reply, crc) || reply[0] != 0) {
                if (++errors > MAX_RETRIES) {
                    return null;
                }
                int kind = reply == null || !T1Block.valid(reply, crc) ? T1Block.R_EDC_ERROR : T1Block.R_OTHER_ERROR;
                if (!T1Block.isR(T1Block.pcb(toSend))) {
                    toSend = block(T1Block.rBlock(nr, kind));
                }
                continue;
            }
            int pcb = T1Block.pcb(reply);
            if (T1Block.isS(pcb)) {
                byte[] inf = T1Block.inf(reply);
                switch (pcb) {
                    case 0xC0 | T1Block.S_WTX -> {
                        pendingWtx = inf.length > 0 ? inf[0] & 0xFF : 1;
                        toSend = block(T1Block.sResponse(T1Block.S_WTX, inf));
                    }
                    case 0xC0 | T1Block.S_IFS -> {
                        int size = inf.length > 0 ? inf[0] & 0xFF : 0;
                        if (size == 0 || size == 0xFF) {
                            return null;
                        }
                        ifsc = size;
                        toSend = block(T1Block.sResponse(T1Block.S_IFS, inf));
                    }
                    case 0xC0 | T1Block.S_ABORT -> {
                        channel.exchange(block(T1Block.sResponse(T1Block.S_ABORT, inf)), 0);
                        throw IfdException.communication("card aborted the T=1 chain", null);
                    }
                    case 0xC0 | T1Block.S_RESYNCH -> {
                        return null;
                    }
                    default -> {
                        if (++errors > MAX_RETRIES) {
                            return null;
                        }
                        toSend = block(T1Block.rBlock(nr, T1Block.R_OTHER_ERROR));
                    }
                }
                continue;
            }
            if (T1Block.isR(pcb)) {
                int cardNr = (pcb >> 4) & 1;
                if (sending && more && cardNr != ns) {
                    // The card acknowledged our chained block: send the next piece.
                    ns ^= 1;
                    offset += chunk;
                    chunk = Math.min(ifsc, apdu.length - offset);
                    more = offset + chunk < apdu.length;
                    lastIBlock = block(T1Block.iBlock(ns, more, Arrays.copyOfRange(apdu, offset, offset + chunk)));
                    toSend = lastIBlock;
                    errors = 0;
                } else {
                    // The card asks for a retransmission (or the R-block makes no sense here).
                    if (++errors > MAX_RETRIES) {
                        return null;
                    }
                    toSend = sending ? lastIBlock : toSend;
                }
                continue;
            }
            // I-block from the card.
            int cardNs = (pcb >> 6) & 1;
            if ((sending && more) || cardNs != nr) {
                if (++errors > MAX_RETRIES) {
                    return null;
                }
                toSend = block(T1Block.rBlock(nr, T1Block.R_OTHER_ERROR));
                continue;
            }
            if (sending) {
                // Its first I-block also acknowledges our last one.
                ns ^= 1;
                sending = false;
            }
            nr ^= 1;
            errors = 0;
            response.writeBytes(T1Block.inf(reply));
            if ((pcb & 0x20) == 0) {
                return response.toByteArray();
            }
            toSend = block(T1Block.rBlock(nr, T1Block.R_OK));
        }
    }

    private void resynchronise() throws IfdException {
        byte[] request = block(T1Block.sRequest(T1Block.S_RESYNCH, new byte[0]));
        while (++resynchs <= MAX_RESYNCHS) {
            byte[] reply = exchangeTolerant(request);
            if (T1Block.valid(reply, crc) && T1Block.pcb(reply) == (0xE0 | T1Block.S_RESYNCH)) {
                ns = 0;
                nr = 0;
                return;
            }
        }
        throw IfdException.communication("T=1 resynchronisation failed", null);
    }

    /** Exchanges a block; a mute card or a timeout count as a bad block (null) for the recovery logic. */
    private byte[] exchangeTolerant(byte[] block) throws IfdException {
        int bwi = pendingWtx;
        pendingWtx = 0;
        try {
            return channel.exchange(block, bwi);
        } catch (IfdException e) {
            if (e.code() == IfdResponseCode.RESPONSE_TIMEOUT) {
                return null;
            }
            throw e;
        }
    }

    private byte[] block(byte[] withoutEdc) {
        return T1Block.withEdc(withoutEdc, crc);
    }
}
