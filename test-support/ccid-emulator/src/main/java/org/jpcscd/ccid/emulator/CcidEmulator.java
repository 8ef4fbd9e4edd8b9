package org.jpcscd.ccid.emulator;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpcscd.usb.api.UsbConnection;
import org.jpcscd.usb.api.UsbDevice;
import org.jpcscd.usb.api.UsbDeviceInfo;
import org.jpcscd.usb.api.UsbEndpointInfo;
import org.jpcscd.usb.api.UsbException;
import org.jpcscd.usb.api.UsbInterfaceInfo;

/**
 * A USB CCID reader played in software: the device side of the CCID bulk and interrupt protocol
 * over {@link SimCard}s, behind the same {@link UsbDevice} interface usb4java backs.
 */
public final class CcidEmulator implements UsbDevice {
    public static final int BULK_OUT = 0x01;
    public static final int BULK_IN = 0x82;
    public static final int INTERRUPT_IN = 0x83;
    private static final byte[] GONE = new byte[0];
    private static final AtomicInteger ADDRESSES = new AtomicInteger(2);

    private final ReaderProfile profile;
    private final UsbDeviceInfo info;
    private final List<UsbInterfaceInfo> interfaces;
    private final EmulatedSlot[] slots;
    private final ExtendedChain[] chains;
    private final BlockingQueue<byte[]> bulkIn = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> interrupt = new LinkedBlockingQueue<>();
    private volatile long lastNotifyNanos;
    private volatile boolean unplugged;

    /** Every command the host sent, in order (for assertions). */
    public final List<byte[]> commands = Collections.synchronizedList(new ArrayList<>());
    /** bBWI of every XfrBlock. */
    public final List<Integer> xfrBwis = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger interruptReads = new AtomicInteger();
    public volatile int timeExtensionsBeforeNextXfr;
    public volatile boolean unplugOnNextXfr;
    public volatile boolean parityErrorOnNextXfr;
    /** When not -1, SetParameters fails with this bError (0 = not supported, 1..127 = offset refused). */
    public volatile int setParametersError = -1;
    /** A card that does not answer the reset: IccPowerOn fails with ICC_MUTE, card inactive. */
    public volatile boolean muteCard;

    public CcidEmulator(ReaderProfile profile) {
        this.profile = profile;
        this.info = new UsbDeviceInfo(profile.vendorId(), profile.productId(), 0x0100, 0, 0, 0,
                profile.manufacturer(), profile.product(), profile.serial(), 1, ADDRESSES.getAndIncrement());
        List<UsbEndpointInfo> endpoints = new ArrayList<>();
        endpoints.add(new UsbEndpointInfo(BULK_OUT, UsbEndpointInfo.TRANSFER_BULK, 64, new byte[0]));
        endpoints.add(new UsbEndpointInfo(BULK_IN, UsbEndpointInfo.TRANSFER_BULK, 64, new byte[0]));
        if (profile.interruptPipe()) {
            endpoints.add(new UsbEndpointInfo(INTERRUPT_IN, UsbEndpointInfo.TRANSFER_INTERRUPT, 8, new byte[0]));
        }
        this.interfaces = List.of(new UsbInterfaceInfo(0, 0x0B, 0, 0, profile.classDescriptor(), endpoints, null));
        this.slots = new EmulatedSlot[profile.maxSlotIndex() + 1];
        this.chains = new ExtendedChain[slots.length];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new EmulatedSlot();
            chains[i] = new ExtendedChain();
        }
    }

    @Override
    public UsbDeviceInfo info() {
        return info;
    }

    @Override
    public List<UsbInterfaceInfo> interfaces() {
        return interfaces;
    }

    @Override
    public UsbConnection open() throws UsbException {
        if (unplugged) {
            throw new UsbException(UsbException.Kind.NO_DEVICE, "unplugged");
        }
        return new Connection();
    }

    /** Puts a card in the slot and says so on the interrupt pipe. */
    public void insert(int slot, SimCard card) {
        slots[slot].insert(card);
        notifySlotChange(slot);
    }

    public void remove(int slot) {
        slots[slot].remove();
        notifySlotChange(slot);
    }

    /** Reports an over-current on a slot through RDR_to_PC_HardwareError on the interrupt pipe. */
    public void hardwareError(int slot) {
        interrupt.add(new byte[] {0x51, (byte) slot, 0, 0x01});
    }

    /** Pulls the plug: every transfer from now on fails with NO_DEVICE. */
    public void unplug() {
        unplugged = true;
        bulkIn.add(GONE);
        interrupt.add(GONE);
    }

    /** Asks the T=1 card of a slot for a WTX request before its next answer. */
    public void requestWtx(int slot, int multiplier) {
        slots[slot].t1.requestWtx(multiplier);
    }

    /** Makes the T=1 card of a slot send its next block with a broken EDC. */
    public void corruptNextT1Block(int slot) {
        slots[slot].t1.corruptNextBlock();
    }

    /** Makes the T=1 card of a slot garble every non-S block until told otherwise. */
    public void corruptEveryT1Block(int slot, boolean on) {
        slots[slot].t1.corruptEveryBlock(on);
    }

    /** R-blocks with an error bit the host sent to the T=1 card of a slot. */
    public int hostT1ErrorBlocks(int slot) {
        return slots[slot].t1.hostErrorBlocks;
    }

    public int t1Ifsd(int slot) {
        return slots[slot].t1.ifsd();
    }

    public byte[] parameters(int slot) {
        return slots[slot].parameters();
    }

    /** How many commands of this type the host sent. */
    public long count(int messageType) {
        synchronized (commands) {
            return commands.stream().filter(c -> (c[0] & 0xFF) == messageType).count();
        }
    }

    private void notifySlotChange(int changedSlot) {
        byte[] message = new byte[1 + (slots.length + 3) / 4];
        message[0] = 0x50;
        for (int i = 0; i < slots.length; i++) {
            int bits = (slots[i].state() != EmulatedSlot.ABSENT ? 1 : 0) | (i == changedSlot ? 2 : 0);
            message[1 + i / 4] |= (byte) (bits << (2 * (i % 4)));
        }
        // Stamped right before the host can see it: the start of a card-event latency measurement.
        lastNotifyNanos = System.nanoTime();
        interrupt.add(message);
    }

    /** {@link System#nanoTime()} (CLOCK_MONOTONIC on Linux) just before the last NotifySlotChange was queued. */
    public long lastNotifyNanos() {
        return lastNotifyNanos;
    }

    private final class Connection implements UsbConnection {
        @Override
        public void claimInterface(int interfaceNumber) throws UsbException {
            check();
        }

        @Override
        public void releaseInterface(int interfaceNumber) {
        }

        @Override
        public void bulkOut(int endpoint, byte[] data, Duration timeout) throws UsbException {
            check();
            commands.add(data.clone());
            handle(data);
        }

        @Override
        public byte[] bulkIn(int endpoint, int maxLength, Duration timeout) throws UsbException {
            return take(bulkIn, timeout);
        }

        @Override
        public byte[] interruptIn(int endpoint, int maxLength, Duration timeout) throws UsbException {
            interruptReads.incrementAndGet();
            return take(interrupt, timeout);
        }

        @Override
        public byte[] controlIn(int requestType, int request, int value, int index, int maxLength,
                Duration timeout) throws UsbException {
            check();
            if (request == 0x03 && profile.dataRates() != null) {
                byte[] table = new byte[profile.dataRates().length * 4];
                for (int i = 0; i < profile.dataRates().length; i++) {
                    int rate = profile.dataRates()[i];
                    table[4 * i] = (byte) rate;
                    table[4 * i + 1] = (byte) (rate >> 8);
                    table[4 * i + 2] = (byte) (rate >> 16);
                    table[4 * i + 3] = (byte) (rate >> 24);
                }
                return Arrays.copyOf(table, Math.min(table.length, maxLength));
            }
            throw new UsbException(UsbException.Kind.STALL, "request not supported");
        }

        @Override
        public void controlOut(int requestType, int request, int value, int index, byte[] data, Duration timeout)
                throws UsbException {
            throw new UsbException(UsbException.Kind.STALL, "request not supported");
        }

        @Override
        public void close() {
        }

        private byte[] take(BlockingQueue<byte[]> queue, Duration timeout) throws UsbException {
            check();
            byte[] frame;
            try {
                frame = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UsbException(UsbException.Kind.OTHER, "interrupted");
            }
            if (frame == GONE || unplugged) {
                queue.add(GONE);
                throw new UsbException(UsbException.Kind.NO_DEVICE, "unplugged");
            }
            if (frame == null) {
                throw new UsbException(UsbException.Kind.TIMEOUT, "timeout");
            }
            return frame;
        }

        private void check() throws UsbException {
            if (unplugged) {
                throw new UsbException(UsbException.Kind.NO_DEVICE, "unplugged");
            }
        }
    }

    private void handle(byte[] m) {
        int type = m[0] & 0xFF;
        int slotIndex = m[5] & 0xFF;
        int seq = m[6] & 0xFF;
        byte[] data = Arrays.copyOfRange(m, 10, m.length);
        if (slotIndex >= slots.length) {
            reply(replyTypeFor(type), slotIndex, seq, 0x40 | EmulatedSlot.ABSENT, 0x05, 0, new byte[0]);
            return;
        }
        EmulatedSlot slot = slots[slotIndex];
        switch (type) {
            case 0x62 -> {
                if (muteCard && slot.state() != EmulatedSlot.ABSENT) {
                    reply(0x80, slotIndex, seq, 0x40 | EmulatedSlot.INACTIVE, 0xFE, 0, new byte[0]);
                    return;
                }
                byte[] atr = slot.powerOn();
                if (atr == null) {
                    reply(0x80, slotIndex, seq, 0x40 | EmulatedSlot.ABSENT, 0xFE, 0, new byte[0]);
                } else {
                    reply(0x80, slotIndex, seq, EmulatedSlot.ACTIVE, 0, 0, atr);
                }
            }
            case 0x63 -> {
                slot.powerOff();
                reply(0x81, slotIndex, seq, slot.state(), 0, 0, new byte[0]);
            }
            case 0x65 -> reply(0x81, slotIndex, seq, slot.state(), 0, 0, new byte[0]);
            case 0x61 -> {
                if (slot.state() == EmulatedSlot.ABSENT) {
                    reply(0x82, slotIndex, seq, 0x40 | EmulatedSlot.ABSENT, 0xFE, 0, new byte[0]);
                } else if (setParametersError >= 0) {
                    reply(0x82, slotIndex, seq, 0x40 | slot.state(), setParametersError, slot.protocolNum(),
                            slot.parameters());
                } else {
                    slot.setParameters(m[7] & 0xFF, data);
                    reply(0x82, slotIndex, seq, slot.state(), 0, slot.protocolNum(), slot.parameters());
                }
            }
            case 0x6C, 0x6D -> reply(0x82, slotIndex, seq, slot.state(), 0, slot.protocolNum(), slot.parameters());
            case 0x6F -> xfrBlock(slot, slotIndex, seq, m, data);
            case 0x6B -> reply(0x83, slotIndex, seq, slot.state(), 0, 0, data);
            case 0x69 -> reply(0x80, slotIndex, seq, slot.state(), 0, 0, new byte[] {(byte) 0x90, 0x00});
            default -> reply(0x81, slotIndex, seq, 0x40 | slot.state(), 0x00, 0, new byte[0]);
        }
    }

    private void xfrBlock(EmulatedSlot slot, int slotIndex, int seq, byte[] m, byte[] data) {
        xfrBwis.add(m[7] & 0xFF);
        if (unplugOnNextXfr) {
            unplugOnNextXfr = false;
            unplug();
            return;
        }
        if (slot.state() != EmulatedSlot.ACTIVE) {
            reply(0x80, slotIndex, seq, 0x40 | slot.state(), 0xFE, 0, new byte[0]);
            return;
        }
        for (int i = timeExtensionsBeforeNextXfr; i > 0; i--) {
            reply(0x80, slotIndex, seq, 0x80 | EmulatedSlot.ACTIVE, 1, 0, new byte[0]);
        }
        timeExtensionsBeforeNextXfr = 0;
        if (parityErrorOnNextXfr) {
            parityErrorOnNextXfr = false;
            reply(0x80, slotIndex, seq, 0x40 | EmulatedSlot.ACTIVE, 0xFD, 0, new byte[0]);
            return;
        }
        int level = profile.features() & 0x00070000;
        if (level == 0x00010000) {
            byte[] answer = slot.takesPps(data) ? data : slot.tpdu(data);
            reply(0x80, slotIndex, seq, EmulatedSlot.ACTIVE, 0, 0, answer);
        } else if (level == 0x00020000) {
            reply(0x80, slotIndex, seq, EmulatedSlot.ACTIVE, 0, 0, slot.apdu(data));
        } else {
            chains[slotIndex].handle(slot, slotIndex, seq, (m[8] & 0xFF) | (m[9] & 0xFF) << 8, data);
        }
    }

    /** wLevelParameter chaining of extended-APDU readers, both ways. */
    private final class ExtendedChain {
        private final ByteArrayOutputStream command = new ByteArrayOutputStream();
        private byte[] response;
        private int responseOffset;

        void handle(EmulatedSlot slot, int slotIndex, int seq, int level, byte[] data) {
            int maxPayload = profile.maxMessageLength() - 10;
            switch (level) {
                case 0x00 -> {
                    command.reset();
                    startResponse(slot.apdu(data), slotIndex, seq, maxPayload);
                }
                case 0x01, 0x03 -> {
                    if (level == 0x01) {
                        command.reset();
                    }
                    command.writeBytes(data);
                    reply(0x80, slotIndex, seq, EmulatedSlot.ACTIVE, 0, 0x10, new byte[0]);
                }
                case 0x02 -> {
                    command.writeBytes(data);
                    startResponse(slot.apdu(command.toByteArray()), slotIndex, seq, maxPayload);
                    command.reset();
                }
                case 0x10 -> nextPart(slotIndex, seq, maxPayload);
                default -> reply(0x80, slotIndex, seq, 0x40, 0x08, 0, new byte[0]);
            }
        }

        private void startResponse(byte[] full, int slotIndex, int seq, int maxPayload) {
            response = full;
            responseOffset = 0;
            nextPart(slotIndex, seq, maxPayload);
        }

        private void nextPart(int slotIndex, int seq, int maxPayload) {
            boolean first = responseOffset == 0;
            int length = Math.min(maxPayload, response.length - responseOffset);
            byte[] part = Arrays.copyOfRange(response, responseOffset, responseOffset + length);
            responseOffset += length;
            boolean last = responseOffset >= response.length;
            int chain = first ? (last ? 0x00 : 0x01) : (last ? 0x02 : 0x03);
            reply(0x80, slotIndex, seq, EmulatedSlot.ACTIVE, 0, chain, part);
        }
    }

    private static int replyTypeFor(int commandType) {
        return switch (commandType) {
            case 0x62, 0x6F, 0x69 -> 0x80;
            case 0x61, 0x6C, 0x6D -> 0x82;
            case 0x6B -> 0x83;
            default -> 0x81;
        };
    }

    private void reply(int type, int slot, int seq, int status, int error, int parameter, byte[] data) {
        byte[] frame = new byte[10 + data.length];
        frame[0] = (byte) type;
        frame[1] = (byte) data.length;
        frame[2] = (byte) (data.length >> 8);
        frame[3] = (byte) (data.length >> 16);
        frame[4] = (byte) (data.length >> 24);
        frame[5] = (byte) slot;
        frame[6] = (byte) seq;
        frame[7] = (byte) status;
        frame[8] = (byte) error;
        frame[9] = (byte) parameter;
        System.arraycopy(data, 0, frame, 10, data.length);
        bulkIn.add(frame);
    }
}
