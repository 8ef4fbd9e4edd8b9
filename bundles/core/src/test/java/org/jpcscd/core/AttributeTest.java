package org.jpcscd.core;

import static org.jpcscd.core.Scard.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.jpcscd.api.Attribute;
import org.jpcscd.api.ControlCodes;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SCardGetAttrib/SetAttrib/Control: what the core answers itself and what it maps from the driver. */
class AttributeTest {
    private static final String NAME = "Attr 00 00";
    private final Harness harness = new Harness();
    private TestSlot card;
    private CardConnection direct;
    private ClientContext context;

    @BeforeEach
    void setUp() throws Exception {
        TestReader reader = TestReader.withCard("Attr").reportingEvents();
        card = reader.slot();
        harness.addReady(reader, NAME);
        context = harness.context();
        direct = context.connect(NAME, ShareMode.DIRECT, 0);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void theCoreAnswersAtrProtocolAndNames() throws Exception {
        assertArrayEquals(TestSlot.T0_T1_ATR, direct.getAttribute(Attribute.ATR_STRING));
        assertArrayEquals(new byte[] {0, 0, 0, 0}, direct.getAttribute(Attribute.CURRENT_PROTOCOL_TYPE));
        context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        assertArrayEquals(new byte[] {2, 0, 0, 0}, direct.getAttribute(Attribute.CURRENT_PROTOCOL_TYPE));
        byte[] name = (NAME + "\0").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(name, direct.getAttribute(Attribute.DEVICE_FRIENDLY_NAME_A));
        assertArrayEquals(name, direct.getAttribute(Attribute.DEVICE_SYSTEM_NAME_A));
    }

    @Test
    void presenceComesFromTheDriverOrElseFromTheCore() throws Exception {
        assertArrayEquals(new byte[] {2}, direct.getAttribute(Attribute.ICC_PRESENCE));
        card.attributes.put(Attribute.ICC_PRESENCE, new byte[] {1});
        assertArrayEquals(new byte[] {1}, direct.getAttribute(Attribute.ICC_PRESENCE));
    }

    @Test
    void otherAttributesGoToTheDriver() throws Exception {
        card.attributes.put(Attribute.VENDOR_NAME, "Acme".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("Acme".getBytes(StandardCharsets.US_ASCII), direct.getAttribute(Attribute.VENDOR_NAME));
        assertFails(ScardCode.E_UNSUPPORTED_FEATURE, () -> direct.getAttribute(Attribute.CHANNEL_ID));

        direct.setAttribute(Attribute.VENDOR_NAME, new byte[] {'X'});
        assertArrayEquals(new byte[] {'X'}, direct.getAttribute(Attribute.VENDOR_NAME));
        assertFails(ScardCode.E_UNSUPPORTED_FEATURE, () -> direct.setAttribute(Attribute.CHANNEL_ID, new byte[] {1}));
    }

    @Test
    void controlMapsAnUnknownCodeToUnsupportedFeature() throws Exception {
        assertArrayEquals(new byte[] {1, 7}, direct.control(ControlCodes.VENDOR_IFD_EXCHANGE, new byte[] {7}));
        assertFails(ScardCode.E_UNSUPPORTED_FEATURE, () -> direct.control(ControlCodes.GET_FEATURE_REQUEST, null));
    }
}
