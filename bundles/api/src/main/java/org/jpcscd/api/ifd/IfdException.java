package org.jpcscd.api.ifd;

import java.util.Objects;

/** A driver operation failed; {@link #code()} says how, in the terms of pcsc-lite's IFD handler API. */
public class IfdException extends Exception {
    private static final long serialVersionUID = 1L;

    private final IfdResponseCode code;

    public IfdException(IfdResponseCode code, String message) {
        this(code, message, null);
    }

    public IfdException(IfdResponseCode code, String message, Throwable cause) {
        super(message == null ? "IFD_" + code : "IFD_" + code + ": " + message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public IfdResponseCode code() {
        return code;
    }

    /** The card left the slot during the operation. */
    public static IfdException noCard(String message) {
        return new IfdException(IfdResponseCode.ICC_NOT_PRESENT, message);
    }

    /** The reader is gone (unplugged); the core drops it. */
    public static IfdException noDevice(String message, Throwable cause) {
        return new IfdException(IfdResponseCode.NO_SUCH_DEVICE, message, cause);
    }

    /** The reader or card did not answer in time. */
    public static IfdException timeout(String message) {
        return new IfdException(IfdResponseCode.RESPONSE_TIMEOUT, message);
    }

    /** The reader failed to exchange data. */
    public static IfdException communication(String message, Throwable cause) {
        return new IfdException(IfdResponseCode.COMMUNICATION_ERROR, message, cause);
    }

    /** The driver does not offer this operation. */
    public static IfdException notSupported(String message) {
        return new IfdException(IfdResponseCode.NOT_SUPPORTED, message);
    }
}
