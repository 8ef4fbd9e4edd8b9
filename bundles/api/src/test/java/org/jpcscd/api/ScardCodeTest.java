package org.jpcscd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScardCodeTest {
    @Test
    void valuesMatchPcscLite() {
        assertEquals(0x8010000C, ScardCode.E_NO_SMARTCARD.value());
        assertEquals(0x80100069, ScardCode.W_REMOVED_CARD.value());
        assertEquals(ScardCode.E_UNSUPPORTED_FEATURE, ScardCode.fromValue(0x8010001F));
        assertNull(ScardCode.fromValue(0x80100022));
        assertEquals("SCARD_E_TIMEOUT (0x8010000A)", ScardCode.describe(0x8010000A));
        assertEquals("0x12345678", ScardCode.describe(0x12345678));
    }

    @Test
    void enumeratedArgumentsRejectUnknownValuesWithInvalidValue() {
        assertEquals(ScardCode.E_INVALID_VALUE, assertThrows(ScardException.class, () -> ShareMode.fromValue(4)).code());
        assertEquals(ScardCode.E_INVALID_VALUE, assertThrows(ScardException.class, () -> Disposition.fromValue(-1)).code());
        assertEquals(ScardCode.E_INVALID_VALUE, assertThrows(ScardException.class, () -> Scope.fromValue(4)).code());
    }

    @Test
    void protocolMasks() {
        assertEquals(0x0003, Protocol.toMask(Protocol.fromMask(Protocol.ANY_MASK)));
        assertEquals(0x0003, Protocol.toMask(Protocol.fromMask(Protocol.LEGACY_ANY_MASK)));
        assertEquals(Protocol.RAW, Protocol.fromSingleMask(4));
        assertEquals("PRESENT|POWERED|NEGOTIABLE", CardStateBits.describe(0x34));
        assertEquals("PRESENT|INUSE", EventStateBits.describe(0x00030120));
        assertEquals(3, EventStateBits.counter(0x00030120));
        assertEquals("ATR_STRING", Attribute.name(Attribute.ATR_STRING));
        assertEquals(0x42000D48, ControlCodes.GET_FEATURE_REQUEST);
    }
}
