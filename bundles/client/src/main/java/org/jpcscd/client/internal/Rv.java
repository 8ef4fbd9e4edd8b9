package org.jpcscd.client.internal;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;

/** Turns a daemon's {@code rv} into an exception carrying the PC/SC code. */
public final class Rv {
    private Rv() {
    }

    /** The code for a wire value; one pcsc-lite does not define becomes {@code SCARD_F_UNKNOWN_ERROR}. */
    public static ScardCode code(int rv) {
        ScardCode code = ScardCode.fromValue(rv);
        return code != null ? code : ScardCode.F_UNKNOWN_ERROR;
    }

    public static void check(int rv, String what) throws ScardException {
        if (rv != ScardCode.S_SUCCESS.value()) {
            ScardCode code = code(rv);
            String detail = code == ScardCode.F_UNKNOWN_ERROR && rv != code.value()
                    ? what + " (the daemon answered " + String.format("0x%08X", rv) + ")"
                    : what;
            throw new ScardException(code, detail);
        }
    }
}
