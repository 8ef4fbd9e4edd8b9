package org.jpcscd.ifd.vpcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Config Admin can set, and what the reader does with it. */
class VpcdConfigTest {

    @Test
    void defaultsAreVpcdsPortsButOnlyOnLoopback() {
        VpcdSettings settings = VpcdSettings.from(Configs.vpcdConfig(Map.of()));
        assertTrue(settings.bindAddress().isLoopbackAddress(), settings.bindAddress().toString());
        assertEquals(35963, settings.portOf(0));
        assertEquals(35964, settings.portOf(1));
        assertEquals(2, settings.slots());
    }

    @Test
    void theActivatedReaderListensWhereConfiguredWithOneReaderNameForAllSlots() throws Exception {
        try (VpcdReader reader = new VpcdReader(Configs.vpcdConfig(Map.of("port", 0, "slots", 3)))) {
            assertEquals("Virtual PCD", reader.friendlyName());
            assertEquals(3, reader.slots().size());
            for (int i = 0; i < 3; i++) {
                InetSocketAddress address = reader.address(i);
                assertTrue(address.getAddress().isLoopbackAddress(), "slot " + i + " listens on " + address);
                assertEquals(i, reader.slots().get(i).index());
            }
            assertTrue(reader.reportsCardEvents());
            assertTrue(reader.slotsAreIndependent());
        }
    }

    @Test
    void slotNListensOnPortPlusN() throws Exception {
        int base = twoFreePorts();
        try (VpcdReader reader = new VpcdReader(new VpcdSettings(InetAddress.getLoopbackAddress(), base, 2,
                Duration.ofSeconds(1)))) {
            assertEquals(base, reader.address(0).getPort());
            assertEquals(base + 1, reader.address(1).getPort());
        }
    }

    @Test
    void aTakenPortFailsActivationAndReleasesTheOtherPorts() throws Exception {
        int base = twoFreePorts();
        try (ServerSocket taken = new ServerSocket(base + 1, 1, InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class, () -> new VpcdReader(
                    new VpcdSettings(InetAddress.getLoopbackAddress(), base, 2, Duration.ofSeconds(1))));
            assertTrue(e.getMessage().contains(String.valueOf(base + 1)), e.getMessage());
        }
        // slot 0's port was given back
        new ServerSocket(base, 1, InetAddress.getLoopbackAddress()).close();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> VpcdSettings.from(Configs.vpcdConfig(Map.of("slots", 0))));
        assertThrows(IllegalArgumentException.class,
                () -> VpcdSettings.from(Configs.vpcdConfig(Map.of("port", 65535, "slots", 2))));
        assertThrows(IllegalArgumentException.class,
                () -> VpcdSettings.from(Configs.vpcdConfig(Map.of("response_timeout_ms", 0))));
        assertThrows(IllegalArgumentException.class,
                () -> VpcdSettings.from(Configs.vpcdConfig(Map.of("bind_address", "not an address!"))));
    }

    /** A port p such that p and p + 1 were both free a moment ago. */
    private static int twoFreePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port < 65535) {
                    try (ServerSocket second = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                        return port;
                    } catch (IOException taken) {
                        // try another pair
                    }
                }
            }
        }
        throw new IOException("no two consecutive free ports");
    }
}
