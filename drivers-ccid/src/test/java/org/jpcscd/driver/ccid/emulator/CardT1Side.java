package org.jpcscd.driver.ccid.emulator;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jpcscd.driver.ccid.T1Block;

/**
 * The card's half of T=1 inside a TPDU-level reader: one host block in, one card block out.
 * Test hooks ask for a WTX request or a corrupted block before the next response.
 */
final class CardT1Side {
    private final SimCard card;
    private final boolean crc;
    private int cardNs;
    private int expectedHostNs;
    private int ifsd = 32;
    private final int ifsc;
    private final ByteArrayOutputStream command = new ByteArrayOutputStream();
    private List<byte[]> responseChunks = new ArrayList<>();
    private byte[] lastSent;
    private byte[] afterWtx;
    private int wtxToRequest;
    private boolean corruptNext;
    /** Blocks the host sent that were R-blocks with an error bit set (for assertions). */
    int hostErrorBlocks;

    CardT1Side(SimCard card, int ifsc, boolean crc) {
        this.card = card;
        this.ifsc = ifsc;
        this.crc = crc;
    }

    void requestWtx(int multiplier) {
        wtxToRequest = multiplier;
    }

    void corruptNextBlock() {
        corruptNext = true;
    }

    int ifsd() {
        return ifsd;
    }

    byte[] process(byte[] block) {
        if (!T1Block.valid(block, crc)) {
            return send(T1Block.rBlock(expectedHostNs, T1Block.R_EDC_ERROR));
        }
        int pcb = T1Block.pcb(block);
        byte[] inf = T1Block.inf(block);
        if (T1Block.isS(pcb)) {
            switch (pcb) {
                case 0xC0 | T1Block.S_IFS:
                    ifsd = inf[0] & 0xFF;
                    return send(T1Block.sResponse(T1Block.S_IFS, inf));
                case 0xC0 | T1Block.S_RESYNCH:
                    cardNs = 0;
                    expectedHostNs = 0;
                    command.reset();
                    responseChunks.clear();
                    return send(T1Block.sResponse(T1Block.S_RESYNCH, inf));
                case 0xE0 | T1Block.S_WTX:
                    byte[] next = afterWtx;
                    afterWtx = null;
                    return next != null ? sendPrepared(next) : send(T1Block.rBlock(expectedHostNs, T1Block.R_OTHER_ERROR));
                default:
                    return send(T1Block.rBlock(expectedHostNs, T1Block.R_OTHER_ERROR));
            }
        }
        if (T1Block.isR(pcb)) {
            if ((pcb & 0x03) != 0) {
                hostErrorBlocks++;
            }
            int hostNr = (pcb >> 4) & 1;
            if (hostNr == cardNs && (pcb & 0x03) == 0 && !responseChunks.isEmpty()) {
                return nextResponseChunk();
            }
            return lastSent.clone();
        }
        int hostNs = (pcb >> 6) & 1;
        if (hostNs != expectedHostNs) {
            return lastSent.clone();
        }
        expectedHostNs ^= 1;
        command.writeBytes(inf);
        if ((pcb & 0x20) != 0) {
            return send(T1Block.rBlock(expectedHostNs, T1Block.R_OK));
        }
        byte[] response = card.process(command.toByteArray());
        command.reset();
        responseChunks = new ArrayList<>();
        for (int off = 0; off < response.length; off += ifsd) {
            responseChunks.add(Arrays.copyOfRange(response, off, Math.min(response.length, off + ifsd)));
        }
        if (wtxToRequest > 0) {
            byte[] wtx = T1Block.sRequest(T1Block.S_WTX, new byte[] {(byte) wtxToRequest});
            wtxToRequest = 0;
            afterWtx = T1Block.withEdc(nextChunkBlock(), crc);
            return send(wtx);
        }
        return nextResponseChunk();
    }

    private byte[] nextResponseChunk() {
        return sendPrepared(T1Block.withEdc(nextChunkBlock(), crc));
    }

    private byte[] nextChunkBlock() {
        byte[] chunk = responseChunks.remove(0);
        byte[] block = T1Block.iBlock(cardNs, !responseChunks.isEmpty(), chunk);
        cardNs ^= 1;
        return block;
    }

    private byte[] send(byte[] withoutEdc) {
        return sendPrepared(T1Block.withEdc(withoutEdc, crc));
    }

    private byte[] sendPrepared(byte[] block) {
        lastSent = block;
        if (corruptNext && !T1Block.isS(T1Block.pcb(block))) {
            corruptNext = false;
            byte[] bad = block.clone();
            bad[bad.length - 1] ^= 0x5A;
            return bad;
        }
        return block.clone();
    }
}
