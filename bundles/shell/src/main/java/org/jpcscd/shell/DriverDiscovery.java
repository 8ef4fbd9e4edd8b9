package org.jpcscd.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.rm.ReaderStatus;
import org.osgi.resource.Capability;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Which bundles are reader drivers, and their readers.
 *
 * <p>A driver with no device attached registers no {@link IfdReader} service, so the registry alone
 * would miss it. It is found by what it declares instead: a DS component offering {@code IfdReader},
 * or an {@code osgi.service} capability naming it (drivers that register readers themselves declare
 * one). Bundles registering readers right now are drivers whatever they declare.
 */
final class DriverDiscovery {
    static final String READER_INTERFACE = IfdReader.class.getName();
    private static final String SERVICE_NAMESPACE = "osgi.service";
    private static final String OBJECT_CLASS = "objectClass";

    private DriverDiscovery() {
    }

    /** The bundles whose DS components offer {@code IfdReader}. */
    static Set<Long> bundlesWithReaderComponents(Collection<ComponentDescriptionDTO> components) {
        Set<Long> bundles = new LinkedHashSet<>();
        for (ComponentDescriptionDTO component : components) {
            if (component.serviceInterfaces != null && List.of(component.serviceInterfaces).contains(READER_INTERFACE)
                    && component.bundle != null) {
                bundles.add(component.bundle.id);
            }
        }
        return bundles;
    }

    /** Whether a bundle's {@code osgi.service} capabilities name {@code IfdReader}. */
    static boolean declaresReaderService(Collection<? extends Capability> serviceCapabilities) {
        for (Capability capability : serviceCapabilities) {
            if (!SERVICE_NAMESPACE.equals(capability.getNamespace())) {
                continue;
            }
            Object classes = capability.getAttributes().get(OBJECT_CLASS);
            if (classes instanceof Collection<?> names ? names.contains(READER_INTERFACE) : READER_INTERFACE.equals(classes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One row per driver, by bundle id.
     *
     * @param drivers every bundle found to be a driver, by any of the ways above
     * @param publishedNames the friendly names of the reader services each driver registers now
     * @param readers the resource manager's readers, or null when it is not running; when known, the
     *     PC/SC names are shown rather than the drivers' friendly names
     */
    static List<DriverRow> rows(Collection<DriverBundle> drivers, Map<Long, List<String>> publishedNames, List<ReaderStatus> readers) {
        Map<Long, DriverRow> rows = new TreeMap<>();
        for (DriverBundle driver : drivers) {
            List<String> names = new ArrayList<>();
            if (readers != null) {
                readers.stream().filter(r -> driver.symbolicName().equals(r.driver())).map(ReaderStatus::name).forEach(names::add);
            } else {
                names.addAll(publishedNames.getOrDefault(driver.id(), List.of()));
            }
            names.sort(Comparator.naturalOrder());
            rows.putIfAbsent(driver.id(), new DriverRow(driver, List.copyOf(names)));
        }
        return List.copyOf(rows.values());
    }

    record DriverRow(DriverBundle bundle, List<String> readers) {
    }
}
