package org.jpcscd.driver.ccid;

import org.jpcscd.api.Atr;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.Pps;

/**
 * What to tell card and reader when a protocol is selected (ccid.md §3.8, §3.9): the PPS request, if
 * one is due, and the SetParameters structure, both derived from the ATR and the reader's abilities.
 *
 * @param ppsRequest the PPS bytes to send, or null when no PPS is exchanged
 * @param fiDi the Fi/Di byte in force afterwards
 * @param setParameters the protocol data structure for PC_to_RDR_SetParameters
 */
record ProtocolParameters(Protocol protocol, byte[] ppsRequest, int fiDi, byte[] setParameters,
        long timeoutMillis) {

    private static final int[] FI = {372, 372, 558, 744, 1116, 1488, 1860, 0, 0, 512, 768, 1024, 1536, 2048, 0, 0};
    private static final int[] DI = {0, 1, 2, 4, 8, 16, 32, 64, 12, 20, 0, 0, 0, 0, 0, 0};
    private static final int DEFAULT_FI_DI = 0x11;

    /**
     * Plans the selection of {@code request.protocol()}.
     *
     * @param dataRates the reader's GET_DATA_RATES table, or null when it has none
     */
    static ProtocolParameters plan(Atr atr, Pps request, CcidDescriptor reader, int[] dataRates)
            throws IfdException {
        Protocol protocol = request.protocol();
        if ((protocol == Protocol.T0 && !reader.supportsT0()) || (protocol == Protocol.T1 && !reader.supportsT1())
                || (protocol != Protocol.T0 && protocol != Protocol.T1)) {
            throw new IfdException(IfdResponseCode.ERROR_NOT_SUPPORTED, "reader does not offer " + protocol);
        }
        if (atr.specificModeProtocol().map(p -> p != protocol).orElse(false)
                || !atr.protocols().contains(protocol)) {
            throw new IfdException(IfdResponseCode.PROTOCOL_NOT_SUPPORTED, "card does not offer " + protocol);
        }
        int pps1 = request.pps1() >= 0 ? request.pps1() : speedFor(atr, reader, dataRates);
        boolean specificMode = atr.ta2().isPresent();
        boolean readerDoesPps = reader.hasFeature(CcidDescriptor.FEATURE_AUTO_PPS);
        byte[] ppsRequest = null;
        if (!readerDoesPps && !specificMode && (protocol != atr.defaultProtocol() || pps1 >= 0)) {
            ppsRequest = ppsRequest(protocol, pps1);
        }
        int fiDi = pps1 >= 0 ? pps1 : DEFAULT_FI_DI;
        return new ProtocolParameters(protocol, ppsRequest, fiDi, structure(atr, protocol, fiDi),
                timeoutMillis(atr, protocol, fiDi, reader.defaultClock()));
    }

    /** The bProtocolNum of SetParameters. */
    int protocolNumber() {
        return protocol == Protocol.T1 ? 1 : 0;
    }

    /** PPS1 = TA1 when the reader can go that fast (or a slower TA1 that it can), else -1. */
    private static int speedFor(Atr atr, CcidDescriptor reader, int[] dataRates) throws IfdException {
        if (atr.ta1().isEmpty()) {
            return -1;
        }
        int ta1 = atr.ta1().getAsInt();
        long defaultSpeed = baudRate(DEFAULT_FI_DI, reader.defaultClock());
        if (baudRate(ta1, reader.defaultClock()) <= defaultSpeed) {
            return -1;
        }
        if (readerCanDo(baudRate(ta1, reader.defaultClock()), reader, dataRates)) {
            return ta1;
        }
        if (atr.ta2().isPresent()) {
            throw IfdException.communication("reader cannot run the card at the speed its specific mode demands", null);
        }
        if (ta1 <= 0x97) {
            for (int slower = ta1 - 1; slower >= 0x94; slower--) {
                long speed = baudRate(slower, reader.defaultClock());
                if (speed > defaultSpeed && readerCanDo(speed, reader, dataRates)) {
                    return slower;
                }
            }
        }
        return -1;
    }

    private static boolean readerCanDo(long speed, CcidDescriptor reader, int[] dataRates) {
        if (speed <= 0 || speed > Integer.toUnsignedLong(reader.maxDataRate())) {
            return false;
        }
        if (dataRates == null || dataRates.length == 0) {
            return true;
        }
        for (int rate : dataRates) {
            if (Math.abs(rate - speed) <= 2) {
                return true;
            }
        }
        return false;
    }

    /** Card baud rate at the reader's default clock: 1000 × f(kHz) × D / F, 0 for RFU values. */
    static long baudRate(int fiDi, int clockKhz) {
        int f = FI[(fiDi >> 4) & 0x0F];
        int d = DI[fiDi & 0x0F];
        return f == 0 || d == 0 ? 0 : 1000L * clockKhz * d / f;
    }

    private static byte[] ppsRequest(Protocol protocol, int pps1) {
        int t = protocol == Protocol.T1 ? 1 : 0;
        byte[] pps = pps1 >= 0 ? new byte[] {(byte) 0xFF, (byte) (0x10 | t), (byte) pps1, 0}
                : new byte[] {(byte) 0xFF, (byte) t, 0};
        int pck = 0;
        for (int i = 0; i < pps.length - 1; i++) {
            pck ^= pps[i];
        }
        pps[pps.length - 1] = (byte) pck;
        return pps;
    }

    private static byte[] structure(Atr atr, Protocol protocol, int fiDi) {
        int convention = atr.inverseConvention() ? 0x02 : 0x00;
        int guardTime = atr.extraGuardTime();
        if (protocol == Protocol.T0) {
            return new byte[] {(byte) fiDi, (byte) convention, (byte) guardTime, (byte) waitingInteger(atr), 0};
        }
        int checksum = 0x10 | (atr.t1UsesCrc() ? 1 : 0) | convention;
        return new byte[] {(byte) fiDi, (byte) checksum, (byte) guardTime, (byte) atr.t1BlockWaitingByte(), 0,
                (byte) Math.min(atr.ifsc(), 254), 0};
    }

    private static int waitingInteger(Atr atr) {
        for (Atr.InterfaceGroup group : atr.interfaceGroups()) {
            if (group.index() == 2 && group.hasTc()) {
                return group.tc();
            }
        }
        return 0x0A;
    }

    /** Read timeout for card exchanges as libccid computes it (ccid.md §2.10), in ms. */
    private static long timeoutMillis(Atr atr, Protocol protocol, int fiDi, int clockKhz) {
        double f = FI[(fiDi >> 4) & 0x0F];
        double d = DI[fiDi & 0x0F];
        if (f == 0 || d == 0 || clockKhz == 0) {
            return 60_000;
        }
        double etu = f / d / clockKhz;
        double egt = 12 * etu + (f / d) * atr.extraGuardTime() / clockKhz;
        if (protocol == Protocol.T0) {
            double wwt = 960.0 * waitingInteger(atr) * f / clockKhz;
            return (long) Math.max(3000, Math.max(261 * egt + 6 * wwt, 5 * egt + 260 * wwt));
        }
        int bwi = atr.t1BlockWaitingByte() >> 4;
        int cwi = atr.t1BlockWaitingByte() & 0x0F;
        double bwt = 11 * etu + Math.pow(2, bwi) * 960 * 372 / clockKhz;
        double cwt = (11 + Math.pow(2, cwi)) * etu;
        return (long) (260 * egt + bwt + 260 * cwt + 1000);
    }
}
