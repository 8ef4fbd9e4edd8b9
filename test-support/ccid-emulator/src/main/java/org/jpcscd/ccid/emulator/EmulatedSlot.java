package org.jpcscd.ccid.emulator;

import java.util.Arrays;

/** One slot of the emulated reader: the CCID slot state machine around a {@link SimCard}. */
final class EmulatedSlot {
    static final int ACTIVE = 0;
    static final int INACTIVE = 1;
    static final int ABSENT = 2;

    private SimCard card;
    private int state = ABSENT;
    private int protocolNum;
    private byte[] parameters = {0x11, 0x00, 0x00, 0x0A, 0x00};
    private boolean justReset;
    CardT0Side t0;
    CardT1Side t1;

    synchronized void insert(SimCard newCard) {
        card = newCard;
        state = INACTIVE;
    }

    synchronized void remove() {
        card = null;
        state = ABSENT;
        t0 = null;
        t1 = null;
    }

    synchronized int state() {
        return state;
    }

    synchronized SimCard card() {
        return card;
    }

    /** The ATR, or null without a card. */
    synchronized byte[] powerOn() {
        if (card == null) {
            return null;
        }
        state = ACTIVE;
        justReset = true;
        byte[] atr = card.atr();
        t0 = new CardT0Side(card);
        t1 = new CardT1Side(card, 32, false);
        return atr;
    }

    synchronized void powerOff() {
        if (card != null) {
            state = INACTIVE;
        }
    }

    synchronized void setParameters(int protocol, byte[] structure) {
        protocolNum = protocol;
        parameters = structure.clone();
        boolean crc = protocol == 1 && (structure[1] & 0x01) != 0;
        if (protocol == 1 && card != null) {
            t1 = new CardT1Side(card, structure[5] & 0xFF, crc);
        }
        justReset = false;
    }

    synchronized int protocolNum() {
        return protocolNum;
    }

    synchronized byte[] parameters() {
        return parameters.clone();
    }

    /** A PPS request right after reset: the card agrees by echoing it. */
    synchronized boolean takesPps(byte[] data) {
        if (justReset && data.length >= 3 && (data[0] & 0xFF) == 0xFF) {
            justReset = false;
            protocolNum = data[1] & 0x0F;
            return true;
        }
        return false;
    }

    /** The TPDU-level exchange: one T=1 block or one T=0 TPDU. */
    synchronized byte[] tpdu(byte[] data) {
        justReset = false;
        return protocolNum == 1 ? t1.process(data) : t0.process(data);
    }

    /** The APDU-level exchange: the reader does the card protocol (incl. GET RESPONSE) itself. */
    synchronized byte[] apdu(byte[] apdu) {
        justReset = false;
        return card.process(Arrays.copyOf(apdu, apdu.length));
    }
}
