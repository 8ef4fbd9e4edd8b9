package org.jpcscd.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.shell.DriverDiscovery.DriverRow;
import org.junit.jupiter.api.Test;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.resource.Capability;
import org.osgi.resource.Resource;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

class DriverDiscoveryTest {
    private static final DriverBundle CCID = new DriverBundle(12, "org.jpcscd.ccid", "0.1.0", "ACTIVE");
    private static final DriverBundle VIRTUAL = new DriverBundle(7, "org.jpcscd.ifd.virtual", "0.1.0", "ACTIVE");

    private static ComponentDescriptionDTO component(long bundleId, String... services) {
        ComponentDescriptionDTO dto = new ComponentDescriptionDTO();
        dto.bundle = new BundleDTO();
        dto.bundle.id = bundleId;
        dto.serviceInterfaces = services;
        return dto;
    }

    private static Capability capability(String namespace, Object objectClass) {
        return new Capability() {
            @Override
            public String getNamespace() {
                return namespace;
            }

            @Override
            public Map<String, String> getDirectives() {
                return Map.of();
            }

            @Override
            public Map<String, Object> getAttributes() {
                return Map.of("objectClass", objectClass);
            }

            @Override
            public Resource getResource() {
                return null;
            }
        };
    }

    @Test
    void componentsOfferingIfdReaderMarkTheirBundleAsADriver() {
        Set<Long> drivers = DriverDiscovery.bundlesWithReaderComponents(List.of(
                component(12, "org.jpcscd.api.ifd.IfdReader"),
                component(13, "org.jpcscd.api.rm.ResourceManager"),
                component(14),
                component(15, "java.lang.Runnable", "org.jpcscd.api.ifd.IfdReader")));
        assertEquals(Set.of(12L, 15L), drivers);
    }

    @Test
    void aServiceCapabilityNamingIfdReaderMarksADriver() {
        assertTrue(DriverDiscovery.declaresReaderService(List.of(
                capability("osgi.service", List.of("org.jpcscd.shell.PcscCommands")),
                capability("osgi.service", List.of("org.jpcscd.api.ifd.IfdReader")))));
        assertTrue(DriverDiscovery.declaresReaderService(List.of(capability("osgi.service", "org.jpcscd.api.ifd.IfdReader"))));
        assertFalse(DriverDiscovery.declaresReaderService(List.of(capability("osgi.wiring.package", "org.jpcscd.api.ifd.IfdReader"))));
        assertFalse(DriverDiscovery.declaresReaderService(List.of()));
    }

    @Test
    void readersComeFromTheResourceManagerWhenItRuns() {
        ReaderStatus reader = new ReaderStatus(0, "jpcscd Virtual Reader 00 00", "org.jpcscd.ifd.virtual", 0,
                CardStateBits.ABSENT, 0, new byte[0], null, false);
        List<DriverRow> rows = DriverDiscovery.rows(List.of(CCID, VIRTUAL),
                Map.of(7L, List.of("jpcscd Virtual Reader")), List.of(reader));
        assertEquals(List.of(
                new DriverRow(VIRTUAL, List.of("jpcscd Virtual Reader 00 00")),
                new DriverRow(CCID, List.of())), rows);
    }

    @Test
    void withoutTheResourceManagerTheDriversOwnNamesAreShown() {
        List<DriverRow> rows = DriverDiscovery.rows(List.of(VIRTUAL, VIRTUAL),
                Map.of(7L, List.of("b", "a")), null);
        assertEquals(List.of(new DriverRow(VIRTUAL, List.of("a", "b"))), rows);
    }

    @Test
    void driversTableListsEveryReaderOnItsOwnLine() {
        String text = DriverTable.format(List.of(
                new DriverRow(VIRTUAL, List.of("jpcscd Virtual Reader 00 00", "jpcscd Virtual Reader 01 00")),
                new DriverRow(new DriverBundle(12, "org.jpcscd.ccid", "0.1.0", "RESOLVED"), List.of())));
        assertEquals(""
                + "ID  DRIVER                  VERSION  STATE     READERS\n"
                + "7   org.jpcscd.ifd.virtual  0.1.0    ACTIVE    jpcscd Virtual Reader 00 00\n"
                + "                                               jpcscd Virtual Reader 01 00\n"
                + "12  org.jpcscd.ccid         0.1.0    RESOLVED  none\n", text);
        assertEquals("no reader drivers", DriverTable.format(List.of()));
    }
}
