package org.jpcscd.core;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What pcscd answers a client for a failed driver call, per operation (ifd-handler.md §4), and the
 * one log line a real failure deserves (answers that only mean "not supported" are not failures).
 */
final class IfdErrors {
    private static final Logger LOG = LoggerFactory.getLogger(IfdErrors.class);

    private IfdErrors() {
    }

    /** Logs a failed driver call once; never with the data exchanged. */
    static void log(String reader, String operation, IfdException e) {
        switch (e.code()) {
            // NO_SUCH_DEVICE: the reader logs once that it became unavailable.
            case ERROR_TAG, ERROR_NOT_SUPPORTED, NOT_SUPPORTED, ERROR_INSUFFICIENT_BUFFER, NO_SUCH_DEVICE ->
                    LOG.debug("{} on {}: {}", operation, reader, e.getMessage());
            case ICC_NOT_PRESENT -> LOG.info("{} on {}: the card is gone", operation, reader);
            default -> LOG.warn("{} on {} failed: {}", operation, reader, e.getMessage());
        }
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
