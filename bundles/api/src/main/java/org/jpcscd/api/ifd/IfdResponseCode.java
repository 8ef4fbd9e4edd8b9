package org.jpcscd.api.ifd;

import org.jpcscd.api.ScardCode;

/** The IFD handler result codes of pcsc-lite's {@code ifdhandler.h}, with the values drivers return in C. */
public enum IfdResponseCode {
    ERROR_TAG(600),
    ERROR_SET_FAILURE(601),
    ERROR_VALUE_READ_ONLY(602),
    ERROR_PTS_FAILURE(605),
    ERROR_NOT_SUPPORTED(606),
    PROTOCOL_NOT_SUPPORTED(607),
    ERROR_POWER_ACTION(608),
    COMMUNICATION_ERROR(612),
    RESPONSE_TIMEOUT(613),
    NOT_SUPPORTED(614),
    ICC_NOT_PRESENT(616),
    NO_SUCH_DEVICE(617),
    ERROR_INSUFFICIENT_BUFFER(618);

    private final int value;

    IfdResponseCode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /**
     * What pcscd answers a client when a transmit fails with this code (ifd-handler.md §4); other
     * operations refine it (see the resource manager).
     */
    public ScardCode transmitResult() {
        return switch (this) {
            case ICC_NOT_PRESENT -> ScardCode.E_NO_SMARTCARD;
            case NO_SUCH_DEVICE -> ScardCode.E_READER_UNAVAILABLE;
            case ERROR_INSUFFICIENT_BUFFER -> ScardCode.E_INSUFFICIENT_BUFFER;
            default -> ScardCode.E_NOT_TRANSACTED;
        };
    }
}
