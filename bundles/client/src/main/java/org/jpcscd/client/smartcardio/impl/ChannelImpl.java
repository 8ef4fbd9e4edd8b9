package org.jpcscd.client.smartcardio.impl;

import java.nio.ByteBuffer;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardException;

/** The basic channel (0) or a logical channel opened with MANAGE CHANNEL. */
final class ChannelImpl extends CardChannel {
    private final CardImpl card;
    private final int channel;
    private volatile boolean closed;

    ChannelImpl(CardImpl card, int channel) {
        this.card = card;
        this.channel = channel;
    }

    @Override
    public Card getCard() {
        return card;
    }

    @Override
    public int getChannelNumber() {
        checkClosed();
        return channel;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) throws CardException {
        checkClosed();
        card.checkExclusive();
        byte[] bytes = command.getBytes();
        checkManageChannel(bytes);
        return new ResponseAPDU(doTransmit(bytes));
    }

    @Override
    public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
        checkClosed();
        card.checkExclusive();
        if (command == null || response == null) {
            throw new NullPointerException();
        }
        if (response.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        if (command == response) {
            throw new IllegalArgumentException("command and response must not be the same object");
        }
        if (response.remaining() < 258) {
            throw new IllegalArgumentException("Insufficient space in response buffer");
        }
        byte[] bytes = new byte[command.remaining()];
        command.get(bytes);
        checkManageChannel(bytes);
        byte[] answer = doTransmit(bytes);
        response.put(answer);
        return answer.length;
    }

    private static void checkManageChannel(byte[] b) {
        if (b.length < 4) {
            throw new IllegalArgumentException("Command APDU must be at least 4 bytes long");
        }
        if (b[0] >= 0 && b[1] == 0x70) {
            throw new IllegalArgumentException("Manage channel command not allowed, use openLogicalChannel()");
        }
    }

    private byte[] doTransmit(byte[] command) throws CardException {
        if (card.protocolMask() == Protocol.T0.mask() && command.length >= 7 && command[4] == 0) {
            throw new CardException("Extended length forms not supported for T=0");
        }
        byte[] c = command.clone();
        if (channel > 0) {
            ApduExchange.setChannel(c, channel);
        }
        try {
            return ApduExchange.exchange(
                    apdu -> card.handle().transmit(card.protocolMask(), apdu, 65548), card.protocolMask(), c,
                    ApduExchange.DEFAULT);
        } catch (ScardException e) {
            throw card.handleError("transmit()", e);
        }
    }

    @Override
    public void close() throws CardException {
        if (channel == 0) {
            throw new IllegalStateException("Cannot close basic channel");
        }
        if (closed) {
            return;
        }
        card.checkExclusive();
        try {
            byte[] command = {0x00, 0x70, (byte) 0x80, (byte) channel};
            ApduExchange.setChannel(command, channel);
            byte[] response = card.handle().transmit(card.protocolMask(), command, 258);
            if (response.length != 2 || response[0] != (byte) 0x90 || response[1] != 0) {
                throw new CardException("close() failed: " + java.util.HexFormat.of().formatHex(response));
            }
        } catch (ScardException e) {
            throw card.handleError("close()", e);
        } finally {
            closed = true;
        }
    }

    private void checkClosed() {
        card.checkState();
        if (closed) {
            throw new IllegalStateException("Logical channel has been closed");
        }
    }

    @Override
    public String toString() {
        return "PC/SC channel " + channel;
    }
}
