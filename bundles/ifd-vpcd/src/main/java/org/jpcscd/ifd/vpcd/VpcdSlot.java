package org.jpcscd.ifd.vpcd;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jpcscd.api.Atr;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.ifd.Pps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vpcd slot: a card is present exactly while a card process is connected to the slot's port.
 *
 * <p>Exchanges run on the caller's thread under {@link #exchangeLock}. When a card misbehaves (hangs
 * up, stays silent, sends what nobody asked for) the link is dropped; the slot's {@link SlotWatcher}
 * then reports the removal and accepts the next card.
 */
final class VpcdSlot implements IfdSlot {
    private static final Logger LOG = LoggerFactory.getLogger(VpcdSlot.class);

    private final int index;
    private final Duration responseTimeout;
    private final ReentrantLock exchangeLock = new ReentrantLock();
    private volatile CardLink link;
    private volatile long lastExchangeEnd = System.nanoTime();
    private volatile Runnable onDrop = () -> { };
    private volatile String name;

    VpcdSlot(int index, Duration responseTimeout) {
        this.index = index;
        this.responseTimeout = responseTimeout;
        this.name = "vpcd slot " + index;
    }

    /** Tells the slot how its watcher wants to hear that a link was dropped, and how to name itself in logs. */
    void bind(String logName, Runnable dropNotice) {
        this.name = logName;
        this.onDrop = dropNotice;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public boolean isCardPresent() {
        CardLink current = link;
        return current != null && current.isOpen();
    }

    @Override
    public byte[] powerUp() throws IfdException {
        exchange(new byte[] {VpcdFrames.POWER_ON}, false);
        return requestAtr();
    }

    @Override
    public byte[] warmReset() throws IfdException {
        exchange(new byte[] {VpcdFrames.RESET}, false);
        return requestAtr();
    }

    @Override
    public void powerDown() throws IfdException {
        exchange(new byte[] {VpcdFrames.POWER_OFF}, false);
    }

    /** vpcd carries raw APDUs, so any protocol the card's ATR offers works as it is (like libifdvpcd). */
    @Override
    public void setProtocol(Pps pps) throws IfdException {
        if (pps.protocol() != Protocol.T0 && pps.protocol() != Protocol.T1) {
            throw new IfdException(IfdResponseCode.PROTOCOL_NOT_SUPPORTED, String.valueOf(pps.protocol()));
        }
    }

    @Override
    public byte[] transmit(Protocol protocol, byte[] command) throws IfdException {
        // a one-byte frame would reach the card as a power or ATR command, not as an APDU
        // (the core does not log failed transmits, so each refusal here is logged once)
        if (command.length < 2 || command.length > VpcdFrames.MAX_PAYLOAD) {
            LOG.warn("{}: refused a {}-byte command: it cannot travel as a vpcd APDU", name, command.length);
            throw IfdException.communication("a " + command.length + "-byte command cannot travel as a vpcd APDU", null);
        }
        byte[] response = exchange(command, true);
        if (response.length < 2) {
            LOG.warn("{}: card answered an APDU with {} bytes, shorter than a status word", name, response.length);
            throw IfdException.communication(name + ": card answered with " + response.length
                    + " bytes, shorter than a status word", null);
        }
        return response;
    }

    /** libifdvpcd has no reader commands either. */
    @Override
    public byte[] control(int controlCode, byte[] input) throws IfdException {
        throw new IfdException(IfdResponseCode.ERROR_NOT_SUPPORTED, String.format("control code 0x%08X", controlCode));
    }

    /** Like libifdvpcd: nothing beyond the ATR, which the core keeps from {@link #powerUp()}. */
    @Override
    public Optional<byte[]> getAttribute(int attributeId) {
        return Optional.empty();
    }

    private byte[] requestAtr() throws IfdException {
        byte[] atr = exchange(new byte[] {VpcdFrames.ATR_REQUEST}, true);
        if (atr.length < 2 || atr.length > Atr.MAX_LENGTH) {
            throw new IfdException(IfdResponseCode.ERROR_POWER_ACTION,
                    name + ": card gave a " + atr.length + "-byte ATR");
        }
        return atr;
    }

    /** Sends one frame and, when asked, waits for the one frame that answers it. */
    private byte[] exchange(byte[] payload, boolean expectReply) throws IfdException {
        exchangeLock.lock();
        try {
            CardLink current = link;
            if (current == null || !current.isOpen()) {
                throw IfdException.noCard(name + ": no card connected");
            }
            long deadline = System.nanoTime() + responseTimeout.toNanos();
            try {
                current.send(payload, deadline);
                return expectReply ? current.receive(deadline) : null;
            } catch (EOFException e) {
                drop(current, "hung up during an exchange", false);
                throw IfdException.noCard(name + ": card hung up");
            } catch (IOException e) {
                drop(current, "connection failed during an exchange (" + e.getMessage() + ")", false);
                throw IfdException.noCard(name + ": connection to the card failed");
            } catch (TimeoutException e) {
                drop(current, "did not answer within " + responseTimeout.toMillis() + " ms", true);
                throw IfdException.timeout(name + ": no answer within " + responseTimeout.toMillis() + " ms");
            } catch (IfdException e) {
                drop(current, "is out of step with the protocol: " + e.getMessage(), true);
                throw e;
            }
        } finally {
            lastExchangeEnd = System.nanoTime();
            exchangeLock.unlock();
        }
    }

    // ---- used by the watcher

    synchronized void attach(CardLink newLink) {
        link = newLink;
    }

    CardLink link() {
        return link;
    }

    /** True when nobody is exchanging with the card now; the caller then owns the link until {@link #endIdleCheck()}. */
    boolean beginIdleCheck() {
        return exchangeLock.tryLock();
    }

    void endIdleCheck() {
        exchangeLock.unlock();
    }

    /** True when the card has not been talked to for {@code quiet} nanoseconds and nobody is talking to it now. */
    boolean quietFor(long quietNanos) {
        return !exchangeLock.isLocked() && System.nanoTime() - lastExchangeEnd >= quietNanos;
    }

    /**
     * Forgets a card that can no longer be used: closing the connection tells the card process, which
     * may connect again. Once per link; the reason is logged once (as a warning when the card broke
     * the protocol), without any APDU content.
     */
    void drop(CardLink gone, String reason, boolean misbehaved) {
        synchronized (this) {
            if (link != gone) {
                return;
            }
            link = null;
        }
        gone.close();
        if (misbehaved) {
            LOG.warn("{}: card {} {}; treated as removed", name, gone.peer(), reason);
        } else {
            LOG.info("{}: card {} {}; treated as removed", name, gone.peer(), reason);
        }
        onDrop.run();
    }

    String name() {
        return name;
    }
}
