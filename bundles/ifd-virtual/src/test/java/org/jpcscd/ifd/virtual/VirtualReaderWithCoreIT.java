package org.jpcscd.ifd.virtual;

import static org.jpcscd.ifd.virtual.FelixHarness.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The virtual reader under the real core: what a PC/SC client gets through the resource manager. */
class VirtualReaderWithCoreIT {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String READER = "jpcscd Virtual Reader 00 00";

    private static FelixHarness felix;
    private static ResourceManager manager;

    @BeforeAll
    static void startFramework() throws Exception {
        felix = new FelixHarness(System.getProperty("it.storage") + "/core-it", FelixHarness.bundlesFromBuild("it.core.bundle"));
        manager = felix.awaitService(ResourceManager.class);
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (felix != null) {
            felix.close();
        }
    }

    private static ReaderStatus reader() {
        List<ReaderStatus> readers = manager.readers();
        return readers.stream().filter(r -> r.name().equals(READER)).findFirst().orElse(null);
    }

    @Test
    void anApduThroughTheResourceManagerReachesTheDemoApplet() throws Exception {
        await(() -> reader() != null && reader().cardPresent() && reader().atr().length > 0, "the virtual reader with its ATR");
        assertEquals("3BFA1800008131FE454A434F5033315632333298", HEX.formatHex(reader().atr()));
        assertEquals("org.jpcscd.ifd.virtual", reader().driver());

        try (ClientContext context = manager.establishContext(ClientInfo.inProcess(), Scope.SYSTEM)) {
            CardConnection card = context.connect(READER, ShareMode.SHARED, Protocol.ANY_MASK);
            assertEquals(Protocol.T1, card.activeProtocol());
            assertArrayEquals(HEX.parseHex("9000"), card.transmit(Protocol.T1.mask(), HEX.parseHex("00A4040008F04A504353434401")));
            assertArrayEquals(HEX.parseHex("0102039000"), card.transmit(Protocol.T1.mask(), HEX.parseHex("801000000301020300")));
            assertArrayEquals(HEX.parseHex("6D00"), card.transmit(Protocol.T1.mask(), HEX.parseHex("80FF000000")));
            card.disconnect(Disposition.LEAVE);
        }
    }

    @Test
    void removingTheCardFromTheShellReachesClients() throws Exception {
        await(() -> reader() != null && reader().cardPresent(), "the virtual reader with a card");
        try (ClientContext context = manager.establishContext(ClientInfo.inProcess(), Scope.SYSTEM)) {
            CardConnection card = context.connect(READER, ShareMode.SHARED, Protocol.ANY_MASK);
            felix.gogo("card:remove 0");
            await(() -> !reader().cardPresent(), "the core to see the card gone");
            ScardException removed = assertThrows(ScardException.class,
                    () -> card.transmit(Protocol.T1.mask(), HEX.parseHex("00A4040008F04A504353434401")));
            assertEquals(ScardCode.W_REMOVED_CARD, removed.code());
            card.disconnect(Disposition.LEAVE);
        } finally {
            felix.gogo("card:insert 0");
        }
        await(() -> reader().cardPresent(), "the core to see the new card");
    }
}
