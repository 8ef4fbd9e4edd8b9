package org.jpcscd.api;

import java.util.Objects;

/** A PC/SC call failed; {@link #code()} is what a C client would get back as its {@code LONG}. */
public class ScardException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ScardCode code;

    public ScardException(ScardCode code) {
        this(code, null, null);
    }

    public ScardException(ScardCode code, String detail) {
        this(code, detail, null);
    }

    public ScardException(ScardCode code, String detail, Throwable cause) {
        super(detail == null ? code.toString() : code + ": " + detail, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ScardCode code() {
        return code;
    }
}
