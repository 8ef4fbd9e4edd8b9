package org.jpcscd.api;

/** {@code SCARD_SHARE_*}. */
public enum ShareMode {
    EXCLUSIVE(1),
    SHARED(2),
    DIRECT(3);

    private final int value;

    ShareMode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** @throws ScardException {@code SCARD_E_INVALID_VALUE} for anything but 1, 2 or 3, as pcscd answers */
    public static ShareMode fromValue(int value) throws ScardException {
        for (ShareMode m : values()) {
            if (m.value == value) {
                return m;
            }
        }
        throw new ScardException(ScardCode.E_INVALID_VALUE, "share mode " + value);
    }
}
