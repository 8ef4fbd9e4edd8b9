package org.jpcscd.api;

/** {@code SCARD_SCOPE_*} of an established context. pcscd accepts all four and treats them alike. */
public enum Scope {
    USER(0),
    TERMINAL(1),
    SYSTEM(2),
    GLOBAL(3);

    private final int value;

    Scope(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** @throws ScardException {@code SCARD_E_INVALID_VALUE} outside 0..3 */
    public static Scope fromValue(int value) throws ScardException {
        for (Scope s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        throw new ScardException(ScardCode.E_INVALID_VALUE, "scope " + value);
    }
}
