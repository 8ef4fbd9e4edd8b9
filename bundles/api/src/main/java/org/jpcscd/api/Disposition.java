package org.jpcscd.api;

/** What happens to the card on disconnect, end of transaction or reconnect ({@code SCARD_*_CARD}). */
public enum Disposition {
    LEAVE(0),
    RESET(1),
    UNPOWER(2),
    EJECT(3);

    private final int value;

    Disposition(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** @throws ScardException {@code SCARD_E_INVALID_VALUE} for a value outside 0..3, as pcscd answers */
    public static Disposition fromValue(int value) throws ScardException {
        for (Disposition d : values()) {
            if (d.value == value) {
                return d;
            }
        }
        throw new ScardException(ScardCode.E_INVALID_VALUE, "disposition " + value);
    }
}
