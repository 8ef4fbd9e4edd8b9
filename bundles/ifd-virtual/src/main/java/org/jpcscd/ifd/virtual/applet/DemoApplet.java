package org.jpcscd.ifd.virtual.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * The jpcscd demo applet: {@code 80 10 00 00 Lc data [Le]} echoes the data; everything else gets the
 * status word a real Java Card applet would give. Short APDUs only: jCardSim 2.2.2 has no extended
 * length support, so neither does the card. Le is not checked: jCardSim 2.2.2 does not tell applets
 * what Le was, and under T=1 a card may answer with the data it has.
 */
public class DemoApplet extends Applet {
    /** {@code F0 4A 50 43 53 43 44 01}: a proprietary (F) AID spelling "JPCSCD" and a version byte. */
    public static final byte[] AID = {(byte) 0xF0, 0x4A, 0x50, 0x43, 0x53, 0x43, 0x44, 0x01};

    public static final byte CLA_PROPRIETARY = (byte) 0x80;
    public static final byte INS_ECHO = 0x10;

    /** Entry point jCardSim calls when the applet is installed. */
    public static void install(byte[] parameters, short offset, byte length) {
        new DemoApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buffer = apdu.getBuffer();
        byte cla = buffer[ISO7816.OFFSET_CLA];
        byte ins = buffer[ISO7816.OFFSET_INS];
        if (cla == ISO7816.CLA_ISO7816) {
            processInterindustry(ins, buffer[ISO7816.OFFSET_P1]);
        } else if (cla == CLA_PROPRIETARY) {
            if (ins != INS_ECHO) {
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
            }
            echo(apdu, buffer);
        } else {
            ISOException.throwIt(ISO7816.SW_CLA_NOT_SUPPORTED);
        }
    }

    /**
     * The card's runtime forwards a SELECT to the selected applet only when no installed applet
     * matches, so here it always names something this card does not have.
     */
    private static void processInterindustry(byte ins, byte p1) {
        if (ins == ISO7816.INS_SELECT) {
            ISOException.throwIt(p1 == 0x04 ? ISO7816.SW_FILE_NOT_FOUND : ISO7816.SW_INCORRECT_P1P2);
        }
        ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
    }

    private static void echo(APDU apdu, byte[] buffer) {
        if (buffer[ISO7816.OFFSET_P1] != 0 || buffer[ISO7816.OFFSET_P2] != 0) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        short length = apdu.setIncomingAndReceive();
        Util.arrayCopyNonAtomic(buffer, ISO7816.OFFSET_CDATA, buffer, (short) 0, length);
        apdu.setOutgoingAndSend((short) 0, length);
    }
}
