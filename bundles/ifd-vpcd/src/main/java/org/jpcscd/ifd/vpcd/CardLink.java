package org.jpcscd.ifd.vpcd;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jpcscd.api.ifd.IfdException;

/**
 * One connected virtual card: frames out, frames in, with a deadline.
 *
 * <p>The channel is non-blocking because the slot's watcher also has it registered (to see the card
 * hang up while nobody talks to it); the thread doing an exchange waits on this link's own selector,
 * so the kernel wakes that thread directly when the answer arrives, with no hand-over between
 * threads. Not thread safe: the slot serialises exchanges.
 */
final class CardLink implements AutoCloseable {
    /** Readiness is all we need to know; the consumer form of select keeps no selected-key set. */
    private static final Consumer<SelectionKey> IGNORE = key -> { };

    private final SocketChannel channel;
    private final Selector ioSelector;
    private final SelectionKey ioKey;
    private final SocketAddress peer;
    /** Header and payload go out in one write: split writes stall on Nagle + delayed ACK (bench README). */
    private final ByteBuffer out = ByteBuffer.allocateDirect(VpcdFrames.HEADER_LENGTH + VpcdFrames.MAX_PAYLOAD);
    private final ByteBuffer in = ByteBuffer.allocateDirect(VpcdFrames.HEADER_LENGTH + VpcdFrames.MAX_PAYLOAD);

    CardLink(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.peer = channel.getRemoteAddress();
        this.ioSelector = Selector.open();
        try {
            this.ioKey = channel.register(ioSelector, 0);
        } catch (IOException | RuntimeException e) {
            ioSelector.close();
            throw e;
        }
    }

    SocketChannel channel() {
        return channel;
    }

    SocketAddress peer() {
        return peer;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Sends one frame; waits at most until {@code deadline} (System.nanoTime) for room in the socket. */
    void send(byte[] payload, long deadline) throws IOException, TimeoutException {
        out.clear();
        out.putShort((short) payload.length).put(payload).flip();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    /**
     * Reads exactly one frame.
     *
     * @throws EOFException the card hung up (possibly half-way through the frame)
     * @throws TimeoutException the frame was not complete by {@code deadline}
     * @throws IfdException the card sent more than one frame: it is out of step with us
     */
    byte[] receive(long deadline) throws IOException, TimeoutException, IfdException {
        in.clear();
        int frameEnd = -1;
        while (frameEnd < 0 || in.position() < frameEnd) {
            await(SelectionKey.OP_READ, deadline);
            if (channel.read(in) < 0) {
                throw new EOFException("card hung up after " + in.position() + " bytes of a frame");
            }
            if (frameEnd < 0 && in.position() >= VpcdFrames.HEADER_LENGTH) {
                frameEnd = VpcdFrames.HEADER_LENGTH + (in.getShort(0) & 0xFFFF);
            }
        }
        if (in.position() > frameEnd) {
            throw IfdException.communication("card sent " + (in.position() - frameEnd)
                    + " bytes beyond the frame it was asked for", null);
        }
        byte[] payload = new byte[frameEnd - VpcdFrames.HEADER_LENGTH];
        in.get(VpcdFrames.HEADER_LENGTH, payload);
        return payload;
    }

    private void await(int op, long deadline) throws IOException, TimeoutException {
        ioKey.interestOps(op);
        long left = deadline - System.nanoTime();
        // select(ms) treats 0 as "forever": wait at least 1 ms, and say timeout only once it has passed
        while (left > 0 && ioSelector.select(IGNORE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))) == 0) {
            left = deadline - System.nanoTime();
        }
        if (left <= 0) {
            throw new TimeoutException();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing more to tell the card
        }
        try {
            ioSelector.close();
        } catch (IOException ignored) {
            // a selector has nothing to flush
        }
    }
}
