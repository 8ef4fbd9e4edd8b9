package org.jpcscd.api;

import java.util.HashMap;
import java.util.Map;

/**
 * PC/SC return codes with pcsc-lite's numeric values (pcsclite.h, 1.9.9).
 *
 * <p>pcsc-lite deliberately gives {@code SCARD_E_UNEXPECTED} and {@code SCARD_E_UNSUPPORTED_FEATURE}
 * the same value 0x8010001F; {@link #fromValue(int)} answers {@link #E_UNSUPPORTED_FEATURE} for it,
 * the meaning the daemon uses.
 */
public enum ScardCode {
    S_SUCCESS(0x00000000),
    F_INTERNAL_ERROR(0x80100001),
    E_CANCELLED(0x80100002),
    E_INVALID_HANDLE(0x80100003),
    E_INVALID_PARAMETER(0x80100004),
    E_INVALID_TARGET(0x80100005),
    E_NO_MEMORY(0x80100006),
    F_WAITED_TOO_LONG(0x80100007),
    E_INSUFFICIENT_BUFFER(0x80100008),
    E_UNKNOWN_READER(0x80100009),
    E_TIMEOUT(0x8010000A),
    E_SHARING_VIOLATION(0x8010000B),
    E_NO_SMARTCARD(0x8010000C),
    E_UNKNOWN_CARD(0x8010000D),
    E_CANT_DISPOSE(0x8010000E),
    E_PROTO_MISMATCH(0x8010000F),
    E_NOT_READY(0x80100010),
    E_INVALID_VALUE(0x80100011),
    E_SYSTEM_CANCELLED(0x80100012),
    F_COMM_ERROR(0x80100013),
    F_UNKNOWN_ERROR(0x80100014),
    E_INVALID_ATR(0x80100015),
    E_NOT_TRANSACTED(0x80100016),
    E_READER_UNAVAILABLE(0x80100017),
    P_SHUTDOWN(0x80100018),
    E_PCI_TOO_SMALL(0x80100019),
    E_READER_UNSUPPORTED(0x8010001A),
    E_DUPLICATE_READER(0x8010001B),
    E_CARD_UNSUPPORTED(0x8010001C),
    E_NO_SERVICE(0x8010001D),
    E_SERVICE_STOPPED(0x8010001E),
    E_UNSUPPORTED_FEATURE(0x8010001F),
    E_UNEXPECTED(0x8010001F),
    E_ICC_INSTALLATION(0x80100020),
    E_ICC_CREATEORDER(0x80100021),
    E_DIR_NOT_FOUND(0x80100023),
    E_FILE_NOT_FOUND(0x80100024),
    E_NO_DIR(0x80100025),
    E_NO_FILE(0x80100026),
    E_NO_ACCESS(0x80100027),
    E_WRITE_TOO_MANY(0x80100028),
    E_BAD_SEEK(0x80100029),
    E_INVALID_CHV(0x8010002A),
    E_UNKNOWN_RES_MNG(0x8010002B),
    E_NO_SUCH_CERTIFICATE(0x8010002C),
    E_CERTIFICATE_UNAVAILABLE(0x8010002D),
    E_NO_READERS_AVAILABLE(0x8010002E),
    E_COMM_DATA_LOST(0x8010002F),
    E_NO_KEY_CONTAINER(0x80100030),
    E_SERVER_TOO_BUSY(0x80100031),
    W_UNSUPPORTED_CARD(0x80100065),
    W_UNRESPONSIVE_CARD(0x80100066),
    W_UNPOWERED_CARD(0x80100067),
    W_RESET_CARD(0x80100068),
    W_REMOVED_CARD(0x80100069),
    W_SECURITY_VIOLATION(0x8010006A),
    W_WRONG_CHV(0x8010006B),
    W_CHV_BLOCKED(0x8010006C),
    W_EOF(0x8010006D),
    W_CANCELLED_BY_USER(0x8010006E),
    W_CARD_NOT_AUTHENTICATED(0x8010006F);

    private static final Map<Integer, ScardCode> BY_VALUE = new HashMap<>();

    static {
        for (ScardCode code : values()) {
            if (code != E_UNEXPECTED) {
                BY_VALUE.put(code.value, code);
            }
        }
    }

    private final int value;

    ScardCode(int value) {
        this.value = value;
    }

    /** The 32-bit value as it travels on the wire. */
    public int value() {
        return value;
    }

    /** The C macro name, e.g. {@code SCARD_E_NO_SMARTCARD}. */
    public String scardName() {
        return "SCARD_" + name();
    }

    /** The code for a wire value, or {@code null} when pcsc-lite defines none. */
    public static ScardCode fromValue(int value) {
        return BY_VALUE.get(value);
    }

    /** {@code SCARD_E_NO_SMARTCARD (0x8010000C)}, or the bare hex for a value pcsc-lite does not name. */
    public static String describe(int value) {
        ScardCode code = fromValue(value);
        String hex = String.format("0x%08X", value);
        return code == null ? hex : code.scardName() + " (" + hex + ")";
    }

    @Override
    public String toString() {
        return describe(value);
    }
}
