package org.jpcscd.ifd.vpcd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread behind one slot: accepts a card process on the slot's port, and while nobody exchanges
 * with the card, watches its connection so a hang-up is reported as a removal at once (libifdvpcd
 * instead has pcscd poll with an ATR request every 400 ms).
 *
 * <p>While exchanges are going on, the card's answers would wake this thread for nothing, so it stops
 * watching the card ("disarms") until the slot has been quiet for {@link #REARM_AFTER_MS}; a hang-up in
 * the meantime is seen by the exchange itself. An idle slot costs no CPU: the thread sleeps in select.
 *
 * <p>Card events are reported from this thread only, never from a caller's exchange, so the core's
 * listener is never called back from inside a call it made.
 */
final class SlotWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotWatcher.class);
    static final long REARM_AFTER_MS = 50;
    private static final int BACKLOG = 4;

    private final VpcdSlot slot;
    private final Runnable cardEvent;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final SelectionKey serverKey;
    private final ByteBuffer probe = ByteBuffer.allocateDirect(64);
    private final Thread thread;
    private volatile boolean running = true;

    private CardLink watched;
    private SelectionKey cardKey;
    private boolean disarmed;

    /** Binds the slot's port now, so a port in use fails the reader's activation. */
    SlotWatcher(VpcdSlot slot, InetSocketAddress address, Runnable cardEvent) throws IOException {
        this.slot = slot;
        this.cardEvent = cardEvent;
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, BACKLOG);
            server.configureBlocking(false);
            selector = Selector.open();
            serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("vpcd slot " + slot.index() + " cannot listen on " + address + ": " + e.getMessage(), e);
        }
        String name = "vpcd slot " + slot.index() + " (" + localAddress() + ")";
        slot.bind(name, selector::wakeup);
        thread = new Thread(this::run, "vpcd-" + localAddress().getPort());
        thread.setDaemon(true);
    }

    InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("server socket closed", e);
        }
    }

    void start() {
        LOG.info("{}: waiting for a virtual card", slot.name());
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                selector.select(this::onReady, disarmed ? REARM_AFTER_MS : 0);
                if (running) {
                    reconcile();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.error("{}: stopped watching: {}", slot.name(), e.toString());
            }
        } finally {
            CardLink last = slot.link();
            if (last != null) {
                slot.drop(last, "disconnected because the reader stops", false);
            }
            closeQuietly();
        }
    }

    private void onReady(SelectionKey key) {
        if (key == serverKey && key.isValid() && key.isAcceptable()) {
            accept();
        } else if (key == cardKey && key.isValid() && key.isReadable()) {
            checkIdleCard();
        }
    }

    private void accept() {
        SocketChannel channel = null;
        try {
            channel = server.accept();
            if (channel == null) {
                return;
            }
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            CardLink link = new CardLink(channel);
            cardKey = channel.register(selector, SelectionKey.OP_READ);
            watched = link;
            disarmed = false;
            // one card per slot: the next card process waits in the backlog until this one leaves
            serverKey.interestOps(0);
            slot.attach(link);
            LOG.info("{}: card connected from {}", slot.name(), link.peer());
            cardEvent.run();
        } catch (IOException e) {
            LOG.warn("{}: could not take a card connection: {}", slot.name(), e.toString());
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // it never became a card
                }
            }
        }
    }

    /**
     * The card's connection became readable: it hung up, or it talks out of turn, or (nothing to read,
     * or the slot is busy) it answered an exchange, which means the slot is in use: stop watching.
     */
    private void checkIdleCard() {
        CardLink link = watched;
        if (!slot.beginIdleCheck()) {
            disarm();
            return;
        }
        try {
            probe.clear();
            int n;
            try {
                n = link.channel().read(probe);
            } catch (IOException e) {
                slot.drop(link, "connection failed (" + e.getMessage() + ")", false);
                return;
            }
            if (n < 0) {
                slot.drop(link, "disconnected", false);
            } else if (n > 0) {
                slot.drop(link, "sent data nobody asked for", true);
            } else {
                disarm();
            }
        } finally {
            slot.endIdleCheck();
        }
    }

    private void disarm() {
        setInterest(cardKey, 0);
        disarmed = true;
    }

    /**
     * A caller's exchange may drop the card (closing its channel, which cancels this key) at any
     * moment; the next {@link #reconcile()} then forgets the key, so a cancelled key is no error here.
     */
    private static void setInterest(SelectionKey key, int ops) {
        try {
            key.interestOps(ops);
        } catch (CancelledKeyException dropped) {
            // the card is gone; reconcile() catches up
        }
    }

    /** Catches up with what happened since the last select: a dropped card, a quiet slot to watch again. */
    private void reconcile() {
        if (watched != null && slot.link() != watched) {
            cardKey.cancel();
            cardKey = null;
            watched = null;
            disarmed = false;
            serverKey.interestOps(SelectionKey.OP_ACCEPT);
            cardEvent.run();
        } else if (disarmed && slot.quietFor(TimeUnit.MILLISECONDS.toNanos(REARM_AFTER_MS))) {
            setInterest(cardKey, SelectionKey.OP_READ);
            disarmed = false;
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to select
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
    }
}
