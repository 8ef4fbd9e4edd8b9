package org.jpcscd.driver.ccid;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jpcscd.api.Atr;
import org.jpcscd.api.Attribute;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.ifd.Pps;

/** One slot of a CCID reader: power, protocol selection and data exchange at the reader's level. */
final class CcidSlot implements IfdSlot {
    private static final Duration POWER_ON_TIMEOUT = Duration.ofSeconds(60);
    /** bPowerSelect values in libccid's retry order: 5 V, then 1.8 V, then 3 V. */
    private static final int[] VOLTAGES = {1, 3, 2};
    /** bVoltageSupport bit for each bPowerSelect value 1..3. */
    private static final int[] VOLTAGE_BIT = {0, 0x01, 0x02, 0x04};

    private final CcidReaderContext reader;
    private final int index;
    private final CcidTransport transport;
    private final CcidDescriptor descriptor;
    private final XfrChannel xfr;
    private final T1Protocol t1;
    private final ReaderControl control;
    private byte[] atr;
    private Atr parsedAtr;
    private Protocol protocol;
    private Duration exchangeTimeout = CcidTransport.DEFAULT_READ_TIMEOUT;
    /** Set after our power-up, cleared by power-down: libccid's trick for noticing a quick re-insertion. */
    private boolean poweredByUs;

    CcidSlot(CcidReaderContext reader, int index) {
        this.reader = reader;
        this.index = index;
        this.transport = reader.transport();
        this.descriptor = reader.descriptor();
        this.xfr = new XfrChannel(transport, index, descriptor.maxPayload());
        this.t1 = new T1Protocol(this::exchangeT1Block);
        this.control = new ReaderControl(reader, this);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public synchronized boolean isCardPresent() throws IfdException {
        CcidReply reply = slotCommand(CcidMessage.PC_TO_RDR_GET_SLOT_STATUS, 0, CcidTransport.DEFAULT_READ_TIMEOUT);
        // A failed status with bError ICC_MUTE is how some readers say "no card": not an error.
        if (reply.failed() && reply.error() != CcidReply.ERROR_ICC_MUTE) {
            throw IfdException.communication(String.format("GetSlotStatus failed, error 0x%02X", reply.error()), null);
        }
        switch (reply.iccStatus()) {
            case CcidReply.ICC_ACTIVE:
                return true;
            case CcidReply.ICC_INACTIVE:
                if (poweredByUs) {
                    // We powered it and nobody powered it down: it was pulled and put back in between.
                    poweredByUs = false;
                    forgetCard();
                    return false;
                }
                return true;
            default:
                poweredByUs = false;
                forgetCard();
                return false;
        }
    }

    @Override
    public synchronized byte[] powerUp() throws IfdException {
        IfdException last = null;
        for (int voltage : voltageOrder()) {
            CcidReply reply = slotCommand(CcidMessage.PC_TO_RDR_ICC_POWER_ON, voltage, POWER_ON_TIMEOUT);
            if (!reply.failed()) {
                return poweredUp(reply.data());
            }
            if (reply.iccStatus() == CcidReply.ICC_ABSENT) {
                forgetCard();
                throw IfdException.noCard("no card to power up");
            }
            last = new IfdException(IfdResponseCode.ERROR_POWER_ACTION,
                    String.format("power-up failed, error 0x%02X", reply.error()));
        }
        throw last != null ? last : new IfdException(IfdResponseCode.ERROR_POWER_ACTION, "no usable voltage");
    }

    @Override
    public byte[] warmReset() throws IfdException {
        // CCID has no warm reset command; libccid powers up again too.
        return powerUp();
    }

    @Override
    public synchronized void powerDown() throws IfdException {
        forgetCard();
        poweredByUs = false;
        // libccid sends it twice; only the first one tells us whether the device is still there.
        slotCommand(CcidMessage.PC_TO_RDR_ICC_POWER_OFF, 0, CcidTransport.DEFAULT_READ_TIMEOUT);
        try {
            slotCommand(CcidMessage.PC_TO_RDR_ICC_POWER_OFF, 0, CcidTransport.DEFAULT_READ_TIMEOUT);
        } catch (IfdException ignored) {
            // the first answer already said all we need
        }
    }

    @Override
    public synchronized void setProtocol(Pps pps) throws IfdException {
        if (parsedAtr == null) {
            throw new IfdException(IfdResponseCode.ERROR_POWER_ACTION, "card not powered");
        }
        ProtocolParameters plan = ProtocolParameters.plan(parsedAtr, pps, descriptor, reader.dataRates());
        if (!descriptor.hasFeature(CcidDescriptor.FEATURE_AUTO_PARAMETERS_NEGOTIATION)) {
            if (plan.ppsRequest() != null) {
                exchangePps(plan.ppsRequest());
            }
            setParameters(plan);
        }
        protocol = plan.protocol();
        exchangeTimeout = Duration.ofMillis(Math.max(plan.timeoutMillis(), CcidTransport.DEFAULT_READ_TIMEOUT.toMillis()));
        if (protocol == Protocol.T1 && descriptor.exchangeLevel() == CcidDescriptor.LEVEL_TPDU) {
            t1.reset(Math.min(parsedAtr.ifsc(), 254), parsedAtr.t1UsesCrc());
            if (!descriptor.hasFeature(CcidDescriptor.FEATURE_AUTO_IFSD)) {
                int ifsd = Math.min(Math.max(descriptor.maxIfsd(), 1), 254);
                if (!t1.negotiateIfsd(ifsd)) {
                    throw new IfdException(IfdResponseCode.ERROR_PTS_FAILURE, "card refused IFSD " + ifsd);
                }
            }
        }
    }

    @Override
    public synchronized byte[] transmit(Protocol requested, byte[] command) throws IfdException {
        if (atr == null) {
            throw IfdException.noCard("card not powered");
        }
        Protocol active = requested != null ? requested : protocol;
        try {
            switch (descriptor.exchangeLevel()) {
                case CcidDescriptor.LEVEL_TPDU:
                    if (active == Protocol.T1) {
                        return t1.transceive(command);
                    }
                    if (active == Protocol.T0) {
                        return xfr.single(t0Tpdu(command), 0, exchangeTimeout);
                    }
                    break;
                case CcidDescriptor.LEVEL_SHORT_APDU:
                    return xfr.single(command, 0, exchangeTimeout);
                case CcidDescriptor.LEVEL_EXTENDED_APDU:
                    return xfr.chained(command, exchangeTimeout);
                default:
                    break;
            }
        } catch (XfrChannel.ParityError e) {
            throw IfdException.communication("parity error", null);
        }
        throw new IfdException(IfdResponseCode.PROTOCOL_NOT_SUPPORTED,
                active + " at exchange level " + Integer.toHexString(descriptor.exchangeLevel()));
    }

    @Override
    public byte[] control(int controlCode, byte[] input) throws IfdException {
        return control.handle(controlCode, input);
    }

    @Override
    public synchronized Optional<byte[]> getAttribute(int attributeId) throws IfdException {
        switch (attributeId) {
            case Attribute.ATR_STRING:
                return Optional.ofNullable(atr).map(byte[]::clone);
            case Attribute.ICC_PRESENCE:
                return Optional.of(new byte[] {(byte) (isCardPresent() ? 2 : 0)});
            case Attribute.ICC_INTERFACE_STATUS:
                return Optional.of(new byte[] {(byte) (atr != null ? 1 : 0)});
            case Attribute.CURRENT_PROTOCOL_TYPE:
                return protocol == null ? Optional.empty() : Optional.of(dword(protocol.mask()));
            default:
                return reader.readerAttribute(attributeId);
        }
    }

    /** The protocol selected since the last power-up, or null. */
    synchronized Protocol activeProtocol() {
        return protocol;
    }

    private byte[] poweredUp(byte[] answer) {
        atr = Arrays.copyOf(answer, Math.min(answer.length, Atr.MAX_LENGTH));
        try {
            parsedAtr = Atr.parse(atr);
        } catch (ScardException e) {
            parsedAtr = null;
        }
        protocol = null;
        poweredByUs = true;
        exchangeTimeout = CcidTransport.DEFAULT_READ_TIMEOUT;
        t1.reset(parsedAtr != null ? Math.min(parsedAtr.ifsc(), 254) : Atr.DEFAULT_IFSC,
                parsedAtr != null && parsedAtr.t1UsesCrc());
        return atr.clone();
    }

    private void forgetCard() {
        atr = null;
        parsedAtr = null;
        protocol = null;
    }

    private int[] voltageOrder() {
        int voltageSupport = descriptor.voltageSupport();
        int[] order = Arrays.stream(VOLTAGES).filter(v -> (voltageSupport & VOLTAGE_BIT[v]) != 0).toArray();
        return order.length == 0 ? new int[] {0} : order;
    }

    private CcidReply slotCommand(int type, int b7, Duration timeout) throws IfdException {
        return transport.transact(type, index, b7, 0, 0, new byte[0], timeout, true);
    }

    private void exchangePps(byte[] request) throws IfdException {
        byte[] answer;
        try {
            answer = xfr.single(request, 0, exchangeTimeout);
        } catch (XfrChannel.ParityError | IfdException e) {
            throw new IfdException(IfdResponseCode.ERROR_PTS_FAILURE, "PPS exchange failed");
        }
        boolean echoed = Arrays.equals(answer, request);
        // A shorter answer is fine as long as it does not change PPS1 (it keeps the default speed).
        boolean acceptedWithoutSpeed = answer.length >= 3 && answer[0] == request[0]
                && (answer[1] & 0x0F) == (request[1] & 0x0F) && (answer[1] & 0x10) == 0;
        if (!echoed && !acceptedWithoutSpeed) {
            throw new IfdException(IfdResponseCode.ERROR_PTS_FAILURE, "card refused the PPS request");
        }
    }

    private void setParameters(ProtocolParameters plan) throws IfdException {
        CcidReply reply = transport.transact(CcidMessage.PC_TO_RDR_SET_PARAMETERS, index, plan.protocolNumber(), 0,
                0, plan.setParameters(), CcidTransport.DEFAULT_READ_TIMEOUT, true);
        if (!reply.failed()) {
            return;
        }
        int error = reply.error();
        if (error == 0) {
            throw new IfdException(IfdResponseCode.NOT_SUPPORTED, "reader does not take SetParameters");
        }
        if (error >= 1 && error <= 0x7F) {
            return; // "this parameter cannot be changed": the reader keeps working, libccid carries on
        }
        throw IfdException.communication(String.format("SetParameters failed, error 0x%02X", error), null);
    }

    /** T=0 TPDU: a case 1 command travels with P3 = 0. */
    private static byte[] t0Tpdu(byte[] command) throws IfdException {
        if (command.length < 4) {
            throw IfdException.communication("command shorter than a header", null);
        }
        return command.length == 4 ? Arrays.copyOf(command, 5) : command;
    }

    private byte[] exchangeT1Block(byte[] block, int bwi) throws IfdException {
        Duration timeout = bwi > 0 ? exchangeTimeout.multipliedBy(bwi) : exchangeTimeout;
        try {
            return xfr.single(block, bwi, timeout);
        } catch (XfrChannel.ParityError e) {
            return null;
        }
    }

    static byte[] dword(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }
}
