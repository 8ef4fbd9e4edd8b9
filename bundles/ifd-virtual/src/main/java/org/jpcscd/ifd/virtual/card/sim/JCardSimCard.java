package org.jpcscd.ifd.virtual.card.sim;

import com.licel.jcardsim.base.Simulator;
import java.util.Arrays;
import javacard.framework.AID;
import org.jpcscd.ifd.virtual.applet.DemoApplet;
import org.jpcscd.ifd.virtual.card.CommandApdu;
import org.jpcscd.ifd.virtual.card.SimulatedCard;
import org.jpcscd.ifd.virtual.card.StatusWords;

/**
 * A jCardSim 2.2.2 card with the demo applet installed and selected by default.
 *
 * <p>jCardSim keeps the whole card runtime in static fields, so this class must be loaded by a class
 * loader of its own per card ({@link org.jpcscd.ifd.virtual.card.IsolatedCardLoader}); otherwise
 * every card would share, and reset, one runtime. jCardSim 2.2.2 also leaves SELECT handling and
 * APDU shape checks to its caller: this class does what a Java Card runtime does there.
 */
public final class JCardSimCard implements SimulatedCard {
    private static final int APDU_BUFFER_SIZE = 5 + 255;

    private final Simulator simulator = new Simulator();
    private final AID demoAid = new AID(DemoApplet.AID, (short) 0, (byte) DemoApplet.AID.length);

    public JCardSimCard() {
        simulator.installApplet(demoAid, DemoApplet.class);
    }

    @Override
    public byte[] reset() {
        simulator.reset();
        simulator.selectApplet(demoAid);
        return simulator.getATR();
    }

    @Override
    public byte[] transmit(byte[] command) {
        if (!CommandApdu.isWellFormedShort(command)) {
            return StatusWords.response(StatusWords.WRONG_LENGTH);
        }
        try {
            if (CommandApdu.isSelectByName(command) && names(CommandApdu.selectedName(command))) {
                return simulator.selectAppletWithResult(demoAid);
            }
            // Anything else, a SELECT of an AID this card lacks included, goes to the selected applet.
            return simulator.transmitCommand(fitApduBuffer(command));
        } catch (RuntimeException e) {
            // An applet fault on a real card is a status word, never a dead reader.
            return StatusWords.response(StatusWords.NO_PRECISE_DIAGNOSIS);
        }
    }

    /**
     * jCardSim copies the whole command into its 260-byte APDU buffer, which holds a header, Lc and 255
     * data bytes but not a trailing Le as well. It ignores Le anyway, so dropping it loses nothing.
     */
    private static byte[] fitApduBuffer(byte[] command) {
        return command.length > APDU_BUFFER_SIZE ? Arrays.copyOf(command, APDU_BUFFER_SIZE) : command;
    }

    /** Java Card selection by name also accepts a leading part of the AID (partial selection). */
    private static boolean names(byte[] name) {
        return name.length >= 5 && name.length <= DemoApplet.AID.length
                && Arrays.equals(name, 0, name.length, DemoApplet.AID, 0, name.length);
    }
}
