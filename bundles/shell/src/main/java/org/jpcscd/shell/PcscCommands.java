package org.jpcscd.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.rm.ResourceManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/** {@code pcsc:readers} and {@code pcsc:drivers}. Both work, and say so, while the core is down. */
@Component(service = PcscCommands.class)
@GogoCommand(scope = "pcsc", function = {"readers", "drivers"})
public class PcscCommands {
    static final String NO_RESOURCE_MANAGER = "the resource manager is not running (is the org.jpcscd.core bundle active?)";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ResourceManager resourceManager;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime componentRuntime;

    private final BundleContext context;

    @Activate
    public PcscCommands(BundleContext context) {
        this.context = context;
    }

    @Descriptor("list the readers clients see: name, driver bundle, slot, card, state, protocol, use and ATR")
    public String readers() {
        ResourceManager manager = resourceManager;
        return manager == null ? NO_RESOURCE_MANAGER : ReaderTable.format(manager.readers());
    }

    @Descriptor("list the reader driver bundles, their state and their readers (drivers without a device included)")
    public String drivers() throws InvalidSyntaxException {
        Set<Long> driverIds = new LinkedHashSet<>();
        ServiceComponentRuntime scr = componentRuntime;
        if (scr != null) {
            driverIds.addAll(DriverDiscovery.bundlesWithReaderComponents(scr.getComponentDescriptionDTOs()));
        }
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision != null && DriverDiscovery.declaresReaderService(revision.getCapabilities("osgi.service"))) {
                driverIds.add(bundle.getBundleId());
            }
        }
        Map<Long, List<String>> published = new HashMap<>();
        ServiceReference<?>[] references = context.getAllServiceReferences(DriverDiscovery.READER_INTERFACE, null);
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            Bundle owner = reference.getBundle();
            if (owner != null) {
                driverIds.add(owner.getBundleId());
                published.computeIfAbsent(owner.getBundleId(), id -> new ArrayList<>())
                        .add(String.valueOf(reference.getProperty(IfdReader.FRIENDLY_NAME)));
            }
        }
        List<DriverBundle> drivers = new ArrayList<>();
        for (long id : driverIds) {
            Bundle bundle = context.getBundle(id);
            if (bundle != null) {
                drivers.add(describe(bundle));
            }
        }
        ResourceManager manager = resourceManager;
        return DriverTable.format(DriverDiscovery.rows(drivers, published, manager == null ? null : manager.readers()));
    }

    static DriverBundle describe(Bundle bundle) {
        return new DriverBundle(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(), stateName(bundle.getState()));
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "0x" + Integer.toHexString(state);
        };
    }
}
