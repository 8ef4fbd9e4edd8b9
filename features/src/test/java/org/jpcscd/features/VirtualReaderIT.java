package org.jpcscd.features;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.jpcscd.api.Atr;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.Scope;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ClientInfo;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.api.rm.ResourceManager;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The core, shell and virtual features in a real Felix: the simulated reader end to end. */
@RunWith(PaxExam.class)
public class VirtualReaderIT {
    static final String READER = "jpcscd Virtual Reader 00 00";
    static final String DRIVER = "org.jpcscd.ifd.virtual";
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SELECT = HEX.parseHex("00A4040008F04A504353434401");
    private static final byte[] ECHO = HEX.parseHex("801000000301020300");
    private static final byte[] UNKNOWN_INS = HEX.parseHex("80EE000000");

    @Inject
    private BundleContext context;

    @Inject
    private ResourceManager resourceManager;

    @Inject
    private CommandProcessor commands;

    @Configuration
    public Option[] configuration() {
        return new Option[] {FeatureBoot.features(FeatureBoot.workDir("virtual"), "core", "shell", "virtual")};
    }

    @Test
    public void theSimulatedReaderAppearsWithItsCardsAtr() throws Exception {
        List<ReaderStatus> readers = Readers.await(resourceManager, "the simulated reader with its card",
                Readers.oneWithCard(READER));
        assertEquals(1, readers.size());
        ReaderStatus reader = readers.get(0);
        assertEquals(DRIVER, reader.driver());
        Atr atr = Atr.parse(reader.atr());
        assertTrue("a T=1 card: " + HEX.formatHex(reader.atr()), atr.protocols().contains(Protocol.T1));
        assertArrayEquals(reader.atr(), atr.bytes());
    }

    @Test
    public void apdusReachTheDemoApplet() throws Exception {
        Readers.await(resourceManager, "the simulated reader", Readers.oneWithCard(READER));
        try (ClientContext client = resourceManager.establishContext(ClientInfo.inProcess(), Scope.SYSTEM)) {
            CardConnection card = client.connect(READER, ShareMode.SHARED, Protocol.ANY_MASK);
            int protocol = card.activeProtocol().mask();
            assertEquals("90 00", hex(card.transmit(protocol, SELECT)));
            assertEquals("01 02 03 90 00", hex(card.transmit(protocol, ECHO)));
            assertEquals("6d 00", hex(card.transmit(protocol, UNKNOWN_INS)));
            card.disconnect(Disposition.LEAVE);
        }
    }

    @Test
    public void stoppingTheDriverRemovesTheReaderAndFailsHandlesUntilItStartsAgain() throws Exception {
        Readers.await(resourceManager, "the simulated reader", Readers.oneWithCard(READER));
        Bundle driver = bundle(DRIVER);
        try (ClientContext client = resourceManager.establishContext(ClientInfo.inProcess(), Scope.SYSTEM)) {
            CardConnection card = client.connect(READER, ShareMode.SHARED, Protocol.ANY_MASK);
            int protocol = card.activeProtocol().mask();

            driver.stop();
            Readers.await(resourceManager, "no reader once the driver stopped", Readers.none());
            assertFails(ScardCode.E_INVALID_VALUE, () -> card.transmit(protocol, SELECT));
            assertFails(ScardCode.E_INVALID_VALUE, card::status);
            card.disconnect(Disposition.LEAVE);

            driver.start();
            Readers.await(resourceManager, "the reader back after start", Readers.oneWithCard(READER));
            CardConnection again = client.connect(READER, ShareMode.SHARED, Protocol.ANY_MASK);
            assertEquals("90 00", hex(again.transmit(again.activeProtocol().mask(), SELECT)));
        }
    }

    @Test
    public void uninstallingTheDriverRemovesTheReaderAndReinstallingBringsItBack() throws Exception {
        Readers.await(resourceManager, "the simulated reader", Readers.oneWithCard(READER));
        Bundle driver = bundle(DRIVER);
        String location = driver.getLocation();
        try (ClientContext client = resourceManager.establishContext(ClientInfo.inProcess(), Scope.SYSTEM)) {
            CardConnection card = client.connect(READER, ShareMode.SHARED, Protocol.ANY_MASK);
            int protocol = card.activeProtocol().mask();

            driver.uninstall();
            Readers.await(resourceManager, "no reader once the driver is uninstalled", Readers.none());
            assertFails(ScardCode.E_INVALID_VALUE, () -> card.transmit(protocol, ECHO));

            context.installBundle(location).start();
            Readers.await(resourceManager, "the reader back after reinstall", Readers.oneWithCard(READER));
        }
    }

    @Test
    public void pcscReadersThroughGogoPrintsTheReader() throws Exception {
        ReaderStatus reader = Readers.await(resourceManager, "the simulated reader", Readers.oneWithCard(READER)).get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = commands.createSession(System.in, print, print)) {
            Object result = session.execute("pcsc:readers");
            if (result != null) {
                print.print(session.format(result, org.apache.felix.service.command.Converter.INSPECT));
            }
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text, text.contains(READER));
        assertTrue(text, text.contains(DRIVER));
        assertTrue(text, text.toUpperCase().contains(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(reader.atr())));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        fail("no bundle " + symbolicName);
        return null;
    }

    private interface Call {
        Object run() throws ScardException;
    }

    private static void assertFails(ScardCode expected, Call call) {
        try {
            Object result = call.run();
            fail("expected " + expected + ", got " + result);
        } catch (ScardException e) {
            assertEquals(expected, e.code());
        }
    }

    private static String hex(byte[] bytes) {
        assertNotNull(bytes);
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
