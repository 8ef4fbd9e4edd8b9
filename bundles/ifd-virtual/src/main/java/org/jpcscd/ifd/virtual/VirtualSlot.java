package org.jpcscd.ifd.virtual;

import java.util.Optional;
import java.util.function.Supplier;
import org.jpcscd.api.ControlCodes;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.ifd.Pps;
import org.jpcscd.ifd.virtual.ReaderAttributes.SlotState;
import org.jpcscd.ifd.virtual.card.SimulatedCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one slot of a virtual reader. A card can be inserted and removed at any time (shell,
 * configuration) while the core uses the slot, so every state change happens under the slot's lock;
 * the core's listener is told afterwards, outside it.
 *
 * <p>An inserted card is manufactured on its first power-up, not on insertion, so a daemon that
 * never talks to the card never loads the simulator.
 */
final class VirtualSlot implements IfdSlot {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualSlot.class);

    private final int readerIndex;
    private final Supplier<SimulatedCard> cardFactory;
    private final Object lock = new Object();
    /** The reader service that currently shows this slot; renaming a reader re-publishes the slot. */
    private volatile VirtualReader owner;

    private boolean present;
    private SimulatedCard card;
    private boolean powered;
    private byte[] atr;
    private Protocol protocol;

    VirtualSlot(int readerIndex, Supplier<SimulatedCard> cardFactory, boolean cardInserted) {
        this.readerIndex = readerIndex;
        this.cardFactory = cardFactory;
        this.present = cardInserted;
    }

    int readerIndex() {
        return readerIndex;
    }

    void setOwner(VirtualReader owner) {
        this.owner = owner;
    }

    /** Puts a new card in; false when there already was one. */
    boolean insertCard() {
        synchronized (lock) {
            if (present) {
                return false;
            }
            present = true;
        }
        fireCardEvent();
        return true;
    }

    /** Pulls the card out, losing all its state; false when the slot was empty. */
    boolean removeCard() {
        synchronized (lock) {
            if (!present) {
                return false;
            }
            present = false;
            card = null;
            unpower();
        }
        fireCardEvent();
        return true;
    }

    private void fireCardEvent() {
        VirtualReader current = owner;
        if (current != null) {
            current.cardEvent(this);
        }
    }

    @Override
    public int index() {
        return 0;
    }

    @Override
    public boolean isCardPresent() {
        synchronized (lock) {
            return present;
        }
    }

    @Override
    public byte[] powerUp() throws IfdException {
        synchronized (lock) {
            requireCard();
            try {
                if (card == null) {
                    card = cardFactory.get();
                }
                atr = card.reset();
            } catch (RuntimeException e) {
                // The simulator itself failed (it could not be loaded): a mute card, not a dead daemon.
                card = null;
                unpower();
                LOG.error("the simulated card in virtual reader {} does not start", readerIndex, e);
                throw new IfdException(IfdResponseCode.ERROR_POWER_ACTION, "simulated card failed: " + e, e);
            }
            powered = true;
            protocol = null;
            return atr.clone();
        }
    }

    /** A simulator has no difference between warm and cold reset: both lose RAM and reselect. */
    @Override
    public byte[] warmReset() throws IfdException {
        return powerUp();
    }

    @Override
    public void powerDown() {
        synchronized (lock) {
            unpower();
        }
    }

    private void unpower() {
        powered = false;
        atr = null;
        protocol = null;
    }

    @Override
    public void setProtocol(Pps pps) throws IfdException {
        synchronized (lock) {
            requirePoweredCard();
            if (pps.protocol() != Protocol.T1) {
                throw new IfdException(IfdResponseCode.PROTOCOL_NOT_SUPPORTED, "the simulated card speaks T=1 only");
            }
            protocol = Protocol.T1;
        }
    }

    @Override
    public byte[] transmit(Protocol requested, byte[] command) throws IfdException {
        synchronized (lock) {
            requirePoweredCard();
            if (requested != Protocol.T1) {
                throw new IfdException(IfdResponseCode.PROTOCOL_NOT_SUPPORTED, "the simulated card speaks T=1 only");
            }
            return card.transmit(command.clone());
        }
    }

    @Override
    public byte[] control(int controlCode, byte[] input) throws IfdException {
        if (controlCode == ControlCodes.GET_FEATURE_REQUEST) {
            return new byte[0];
        }
        throw IfdException.notSupported(String.format("control code 0x%08X", controlCode));
    }

    @Override
    public Optional<byte[]> getAttribute(int attributeId) {
        SlotState state;
        synchronized (lock) {
            state = new SlotState(present, powered, atr == null ? null : atr.clone(), protocol);
        }
        return ReaderAttributes.value(attributeId, readerIndex, state);
    }

    private void requireCard() throws IfdException {
        if (!present) {
            throw IfdException.noCard("no card in virtual reader " + readerIndex);
        }
    }

    private void requirePoweredCard() throws IfdException {
        requireCard();
        if (!powered) {
            // What a CCID reader reports for a mute (unpowered) card.
            throw IfdException.communication("the card in virtual reader " + readerIndex + " is not powered", null);
        }
    }
}
