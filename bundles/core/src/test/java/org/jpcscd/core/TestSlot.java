package org.jpcscd.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.ifd.Pps;

/**
 * A scriptable card slot: a card with an ATR that can be inserted and removed, answers APDUs
 * through a function, fails on demand and can be made to block inside a driver call.
 */
final class TestSlot implements IfdSlot {
    /** ATR of a T=0 card that also offers T=1 (the vpcd example of the spec). */
    static final byte[] T0_T1_ATR = {0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01};
    /** ATR of a card offering T=0 only. */
    static final byte[] T0_ATR = {0x3B, 0x02, 0x14, 0x50};

    /** A point where a driver call stops until the test lets it go. */
    static final class Block {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void awaitEntered() throws InterruptedException {
            if (!entered.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("driver call never started");
            }
        }

        void release() {
            release.countDown();
        }

        void pass() {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final int index;
    volatile boolean present;
    volatile byte[] atr = T0_T1_ATR;
    volatile boolean powered;
    volatile UnaryOperator<byte[]> card = apdu -> concat(apdu, new byte[] {(byte) 0x90, 0x00});
    volatile IfdResponseCode powerFailure;
    volatile IfdResponseCode presenceFailure;
    volatile IfdResponseCode transmitFailure;
    volatile IfdResponseCode setProtocolFailure;
    volatile Block transmitBlock;
    volatile Block presenceBlock;
    volatile Block powerBlock;
    /** Whether a presence check held at {@link #presenceBlock} came back interrupted; null until one did. */
    volatile Boolean interruptedInPresence;
    final Map<Integer, byte[]> attributes = Collections.synchronizedMap(new HashMap<>());
    final List<Protocol> protocolsSet = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger powerUps = new AtomicInteger();
    final AtomicInteger warmResets = new AtomicInteger();
    final AtomicInteger powerDowns = new AtomicInteger();
    final AtomicInteger transmits = new AtomicInteger();
    final AtomicInteger presenceChecks = new AtomicInteger();
    /** Counted down by every presence check, for tests that wait for polling rounds. */
    volatile CountDownLatch presenceCountdown = new CountDownLatch(0);

    TestSlot(int index, boolean present) {
        this.index = index;
        this.present = present;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public boolean isCardPresent() throws IfdException {
        presenceChecks.incrementAndGet();
        presenceCountdown.countDown();
        Block block = presenceBlock;
        if (block != null) {
            block.pass();
            interruptedInPresence = Thread.currentThread().isInterrupted();
        }
        fail(presenceFailure);
        return present;
    }

    private static void fail(IfdResponseCode code) throws IfdException {
        if (code != null) {
            throw new IfdException(code, "scripted failure");
        }
    }

    private byte[] powerOn() throws IfdException {
        Block block = powerBlock;
        if (block != null) {
            block.pass();
        }
        if (!present) {
            throw IfdException.noCard("no card");
        }
        fail(powerFailure);
        powered = true;
        return atr.clone();
    }

    @Override
    public byte[] powerUp() throws IfdException {
        powerUps.incrementAndGet();
        return powerOn();
    }

    @Override
    public byte[] warmReset() throws IfdException {
        warmResets.incrementAndGet();
        return powerOn();
    }

    @Override
    public void powerDown() {
        powerDowns.incrementAndGet();
        powered = false;
    }

    @Override
    public void setProtocol(Pps pps) throws IfdException {
        fail(setProtocolFailure);
        protocolsSet.add(pps.protocol());
    }

    @Override
    public byte[] transmit(Protocol protocol, byte[] command) throws IfdException {
        transmits.incrementAndGet();
        Block block = transmitBlock;
        if (block != null) {
            block.pass();
        }
        if (!present) {
            throw IfdException.noCard("card gone");
        }
        fail(transmitFailure);
        return card.apply(command);
    }

    @Override
    public byte[] control(int controlCode, byte[] input) throws IfdException {
        if (controlCode == 0x42000001) {
            return concat(new byte[] {0x01}, input);
        }
        throw IfdException.notSupported("control " + controlCode);
    }

    @Override
    public Optional<byte[]> getAttribute(int attributeId) {
        return Optional.ofNullable(attributes.get(attributeId));
    }

    @Override
    public void setAttribute(int attributeId, byte[] value) throws IfdException {
        if (!attributes.containsKey(attributeId)) {
            throw new IfdException(IfdResponseCode.ERROR_TAG, "unknown attribute");
        }
        attributes.put(attributeId, value.clone());
    }
}
