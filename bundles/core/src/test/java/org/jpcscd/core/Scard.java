package org.jpcscd.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.junit.jupiter.api.function.Executable;

/** Assertion on the PC/SC code a call fails with. */
final class Scard {
    private Scard() {
    }

    static void assertFails(ScardCode expected, Executable call) {
        ScardException e = assertThrows(ScardException.class, call);
        assertEquals(expected, e.code(), e.getMessage());
    }
}
