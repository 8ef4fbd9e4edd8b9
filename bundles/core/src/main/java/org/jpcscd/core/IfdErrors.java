package org.jpcscd.core;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;

/** What pcscd answers a client for a failed driver call, per operation (ifd-handler.md §4). */
final class IfdErrors {
    private IfdErrors() {
    }

    static ScardException transmit(IfdException e) {
        return new ScardException(e.code().transmitResult(), e.getMessage(), e);
    }

    static ScardException control(IfdException e) {
        ScardCode code = switch (e.code()) {
            case ERROR_NOT_SUPPORTED, NOT_SUPPORTED -> ScardCode.E_UNSUPPORTED_FEATURE;
            case ERROR_INSUFFICIENT_BUFFER -> ScardCode.E_INSUFFICIENT_BUFFER;
            case NO_SUCH_DEVICE -> ScardCode.E_READER_UNAVAILABLE;
            default -> ScardCode.E_NOT_TRANSACTED;
        };
        return new ScardException(code, e.getMessage(), e);
    }

    static ScardException getAttribute(IfdException e) {
        ScardCode code = switch (e.code()) {
            case ERROR_TAG -> ScardCode.E_UNSUPPORTED_FEATURE;
            case ERROR_INSUFFICIENT_BUFFER -> ScardCode.E_INSUFFICIENT_BUFFER;
            default -> ScardCode.E_NOT_TRANSACTED;
        };
        return new ScardException(code, e.getMessage(), e);
    }

    static ScardException setAttribute(IfdException e) {
        ScardCode code = e.code() == IfdResponseCode.ERROR_TAG
                ? ScardCode.E_UNSUPPORTED_FEATURE
                : ScardCode.E_NOT_TRANSACTED;
        return new ScardException(code, e.getMessage(), e);
    }

    /** A driver that throws an unchecked exception is treated as a communication error. */
    static IfdException fromUnchecked(RuntimeException e) {
        return IfdException.communication("driver threw " + e.getClass().getName(), e);
    }
}
