package org.jpcscd.client.smartcardio.impl;

import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;

import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.client.CardHandle;
import org.jpcscd.client.ConnectionStatus;
import org.jpcscd.client.smartcardio.JpcscdCard;

/** A connected card; its state rules follow SunPCSC's CardImpl. */
final class CardImpl extends Card implements JpcscdCard {
    private static final boolean INVERT_RESET = Boolean.getBoolean("sun.security.smartcardio.invertCardReset");
    private static final String RESET_DISPOSITION_PROPERTY = "org.jpcscd.smartcardio.resetDisposition";
    private static final int MAX_CONTROL_RESPONSE = 65548;

    private enum State { OK, REMOVED, DISCONNECTED }

    private final CardHandle handle;
    private final ATR atr;
    private final int protocol;
    private final ChannelImpl basicChannel;
    private volatile State state = State.OK;
    private volatile Thread exclusiveThread;

    CardImpl(CardHandle handle) throws ScardException {
        this.handle = handle;
        byte[] atrBytes = new byte[0];
        int negotiated = handle.activeProtocol();
        try {
            ConnectionStatus status = handle.status();
            atrBytes = status.atr();
            negotiated = status.protocol();
        } catch (ScardException e) {
            if (handle.shareMode() != ShareMode.DIRECT) {
                throw e;
            }
            // DIRECT needs no card: no ATR then.
        }
        this.atr = new ATR(atrBytes);
        this.protocol = negotiated;
        this.basicChannel = new ChannelImpl(this, 0);
    }

    CardHandle handle() {
        return handle;
    }

    int protocolMask() {
        return protocol;
    }

    boolean isValid() {
        return state == State.OK && handle.isConnected();
    }

    @Override
    public ATR getATR() {
        return atr;
    }

    @Override
    public String getProtocol() {
        if (protocol == Protocol.T0.mask()) {
            return "T=0";
        }
        if (protocol == Protocol.T1.mask()) {
            return "T=1";
        }
        if (handle.shareMode() == ShareMode.DIRECT && protocol == 0) {
            return "DIRECT";
        }
        return "Unknown protocol " + protocol;
    }

    @Override
    public ShareMode shareMode() {
        return handle.shareMode();
    }

    @Override
    public CardChannel getBasicChannel() {
        checkState();
        return basicChannel;
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        checkState();
        checkExclusive();
        byte[] response;
        try {
            response = handle.transmit(protocol, new byte[] {0x00, 0x70, 0x00, 0x00, 0x01}, 65548);
        } catch (ScardException e) {
            throw handleError("openLogicalChannel()", e);
        }
        if (response.length != 3 || response[1] != (byte) 0x90 || response[2] != 0) {
            throw new CardException("openLogicalChannel() failed, card response: " + java.util.HexFormat.of().formatHex(response));
        }
        return new ChannelImpl(this, response[0] & 0xFF);
    }

    @Override
    public void beginExclusive() throws CardException {
        checkState();
        if (exclusiveThread != null) {
            throw new CardException("Exclusive access has already been assigned to Thread " + exclusiveThread.getName());
        }
        try {
            handle.beginTransaction();
        } catch (ScardException e) {
            throw handleError("beginExclusive()", e);
        }
        exclusiveThread = Thread.currentThread();
    }

    @Override
    public void endExclusive() throws CardException {
        checkState();
        if (exclusiveThread != Thread.currentThread()) {
            throw new IllegalStateException("Exclusive access not assigned to current Thread");
        }
        try {
            handle.endTransaction(Disposition.LEAVE);
        } catch (ScardException e) {
            throw handleError("endExclusive()", e);
        } finally {
            exclusiveThread = null;
        }
    }

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
        checkState();
        checkExclusive();
        if (command == null) {
            throw new NullPointerException("command");
        }
        try {
            return handle.control(controlCode, command, MAX_CONTROL_RESPONSE);
        } catch (ScardException e) {
            throw handleError("transmitControlCommand()", e);
        }
    }

    @Override
    public void disconnect(boolean reset) throws CardException {
        boolean doReset = INVERT_RESET != reset;
        disconnect(doReset ? resetDisposition() : Disposition.LEAVE);
    }

    @Override
    public void disconnect(Disposition disposition) throws CardException {
        if (state == State.REMOVED) {
            // SunPCSC returns here and leaves the dead handle counted on the reader until the
            // program exits (an EXCLUSIVE connect then fails): free it.
            state = State.DISCONNECTED;
            exclusiveThread = null;
            try {
                handle.disconnect(Disposition.LEAVE);
            } catch (ScardException e) {
                // the handle is gone either way
            }
            return;
        }
        if (state != State.OK) {
            return;
        }
        checkExclusive();
        try {
            handle.disconnect(disposition);
        } catch (ScardException e) {
            throw new CardException("disconnect() failed: " + e.getMessage(), e);
        } finally {
            state = State.DISCONNECTED;
            exclusiveThread = null;
        }
    }

    /** What {@code disconnect(true)} does: a warm reset, or what the system property names (e.g. UNPOWER). */
    private static Disposition resetDisposition() {
        String name = System.getProperty(RESET_DISPOSITION_PROPERTY);
        return name == null ? Disposition.RESET : Disposition.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }

    void checkState() {
        State s = state;
        if (s == State.DISCONNECTED) {
            throw new IllegalStateException("Card has been disconnected");
        } else if (s == State.REMOVED) {
            throw new IllegalStateException("Card has been removed");
        }
    }

    void checkExclusive() throws CardException {
        Thread t = exclusiveThread;
        if (t != null && t != Thread.currentThread()) {
            throw new CardException("Exclusive access established by another Thread");
        }
    }

    /** Notes a removed card (later calls: IllegalStateException) and maps the code. */
    CardException handleError(String what, ScardException e) {
        if (Errors.cardGone(e)) {
            state = State.REMOVED;
        }
        return Errors.toCardException(what, e);
    }

    @Override
    public String toString() {
        return "PC/SC card in " + handle.readerName() + ", protocol " + getProtocol() + ", state " + state;
    }
}
