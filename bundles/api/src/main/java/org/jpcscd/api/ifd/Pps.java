package org.jpcscd.api.ifd;

import org.jpcscd.api.Protocol;

/**
 * Protocol and parameter selection requested from a slot ({@code IFDHSetProtocolParameters}).
 *
 * @param protocol T0 or T1
 * @param pps1 the PPS1 byte (Fi/Di), or -1 to let the reader choose
 * @param pps2 the PPS2 byte, or -1
 * @param pps3 the PPS3 byte, or -1
 */
public record Pps(Protocol protocol, int pps1, int pps2, int pps3) {
    /** Select the protocol; let the driver decide the parameters from the ATR. */
    public static Pps of(Protocol protocol) {
        return new Pps(protocol, -1, -1, -1);
    }
}
