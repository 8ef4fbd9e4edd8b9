package org.jpcscd.ccid.emulator;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The card's half of T=1 inside a TPDU-level reader: one host block in, one card block out.
 * Test hooks ask for a WTX request or a corrupted block before the next response.
 */
final class CardT1Side {
    private final SimCard card;
    private final CardBlocks blocks;
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
    private boolean corruptAlways;
    /** Blocks the host sent that were R-blocks with an error bit set (for assertions). */
    int hostErrorBlocks;

    CardT1Side(SimCard card, int ifsc, boolean crc) {
        this.card = card;
        this.ifsc = ifsc;
        this.blocks = new CardBlocks(crc);
    }

    void requestWtx(int multiplier) {
        wtxToRequest = multiplier;
    }

    void corruptNextBlock() {
        corruptNext = true;
    }

    /** Every I- and R-block the card sends from now on has a broken check code. */
    void corruptEveryBlock(boolean on) {
        corruptAlways = on;
    }

    int ifsd() {
        return ifsd;
    }

    byte[] process(byte[] block) {
        if (!blocks.intact(block)) {
            return send(blocks.receiveReady(expectedHostNs, CardBlocks.EDC_ERROR));
        }
        int pcb = CardBlocks.pcb(block);
        byte[] inf = CardBlocks.inf(block);
        if (CardBlocks.isSupervisory(pcb)) {
            switch (pcb) {
                case 0xC0 | CardBlocks.IFS:
                    ifsd = inf[0] & 0xFF;
                    return send(blocks.response(CardBlocks.IFS, inf));
                case 0xC0 | CardBlocks.RESYNCH:
                    cardNs = 0;
                    expectedHostNs = 0;
                    command.reset();
                    responseChunks.clear();
                    return send(blocks.response(CardBlocks.RESYNCH, inf));
                case 0xE0 | CardBlocks.WTX:
                    byte[] next = afterWtx;
                    afterWtx = null;
                    return next != null ? sendPrepared(next) : send(blocks.receiveReady(expectedHostNs, CardBlocks.OTHER_ERROR));
                default:
                    return send(blocks.receiveReady(expectedHostNs, CardBlocks.OTHER_ERROR));
            }
        }
        if (CardBlocks.isReceiveReady(pcb)) {
            if ((pcb & 0x03) != 0) {
                hostErrorBlocks++;
            }
            int hostNr = (pcb >> 4) & 1;
            if (hostNr == cardNs && (pcb & 0x03) == 0 && !responseChunks.isEmpty()) {
                return nextResponseChunk();
            }
            return sendPrepared(lastSent);
        }
        int hostNs = (pcb >> 6) & 1;
        if (hostNs != expectedHostNs) {
            return sendPrepared(lastSent);
        }
        expectedHostNs ^= 1;
        command.writeBytes(inf);
        if ((pcb & 0x20) != 0) {
            return send(blocks.receiveReady(expectedHostNs, 0));
        }
        byte[] response = card.process(command.toByteArray());
        command.reset();
        responseChunks = new ArrayList<>();
        for (int off = 0; off < response.length; off += ifsd) {
            responseChunks.add(Arrays.copyOfRange(response, off, Math.min(response.length, off + ifsd)));
        }
        if (wtxToRequest > 0) {
            byte[] wtx = blocks.request(CardBlocks.WTX, new byte[] {(byte) wtxToRequest});
            wtxToRequest = 0;
            afterWtx = nextChunkBlock();
            return send(wtx);
        }
        return nextResponseChunk();
    }

    private byte[] nextResponseChunk() {
        return sendPrepared(nextChunkBlock());
    }

    private byte[] nextChunkBlock() {
        byte[] chunk = responseChunks.remove(0);
        byte[] block = blocks.information(cardNs, !responseChunks.isEmpty(), chunk);
        cardNs ^= 1;
        return block;
    }

    private byte[] send(byte[] block) {
        return sendPrepared(block);
    }

    private byte[] sendPrepared(byte[] block) {
        lastSent = block;
        if ((corruptNext || corruptAlways) && !CardBlocks.isSupervisory(CardBlocks.pcb(block))) {
            corruptNext = false;
            byte[] bad = block.clone();
            bad[bad.length - 1] ^= 0x5A;
            return bad;
        }
        return block.clone();
    }
}
