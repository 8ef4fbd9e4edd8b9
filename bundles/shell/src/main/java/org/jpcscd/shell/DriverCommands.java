package org.jpcscd.shell;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code driver:install|update|uninstall}: reader driver bundles, live. Clients see readers come and
 * go as with a USB plug; handles on a removed reader fail the way the core promises.
 */
@Component(service = DriverCommands.class)
@GogoCommand(scope = "driver", function = {"install", "update", "uninstall"})
public class DriverCommands {
    private static final long REFRESH_SECONDS = 30;

    private final BundleContext context;

    @Activate
    public DriverCommands(BundleContext context) {
        this.context = context;
    }

    @Descriptor("install a reader driver bundle and start it")
    public String install(@Descriptor("the bundle: a file path or a URL") String location) throws Exception {
        String url = location(location);
        Bundle bundle;
        try {
            bundle = context.installBundle(url);
        } catch (BundleException e) {
            throw new IllegalArgumentException("cannot install " + location + ": " + e.getMessage());
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new IllegalStateException("installed " + describe(bundle) + " but it does not start: " + e.getMessage());
        }
        return "installed and started " + describe(bundle) + (isDriver(bundle) ? "" : " (it offers no reader service)");
    }

    @Descriptor("update a reader driver bundle from where it was installed")
    public String update(@Descriptor("bundle id or symbolic name") String which) throws Exception {
        Bundle bundle = driver(which);
        bundle.update();
        refresh(bundle);
        return "updated " + describe(bundle);
    }

    @Descriptor("update a reader driver bundle from a new file or URL")
    public String update(@Descriptor("bundle id or symbolic name") String which,
            @Descriptor("the new bundle: a file path or a URL") String location) throws Exception {
        Bundle bundle = driver(which);
        try (InputStream in = new URL(location(location)).openStream()) {
            bundle.update(in);
        }
        refresh(bundle);
        return "updated " + describe(bundle);
    }

    @Descriptor("stop and uninstall a reader driver bundle; its readers disappear")
    public String uninstall(@Descriptor("bundle id or symbolic name") String which) throws Exception {
        Bundle bundle = driver(which);
        String was = describe(bundle);
        bundle.uninstall();
        refresh(bundle);
        return "uninstalled " + was;
    }

    /** A path becomes a file: URL; anything with a scheme is taken as it is. */
    static String location(String location) {
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return location;
        }
        Path path = Path.of(location).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        return path.toUri().toString();
    }

    /** Only drivers: the framework's own bundles are stopped with felix:stop, not here. */
    private Bundle driver(String which) {
        Bundle bundle = find(which);
        if (bundle == null) {
            throw new IllegalArgumentException("no bundle '" + which + "' (see pcsc:drivers or lb)");
        }
        if (!isDriver(bundle)) {
            throw new IllegalArgumentException(describe(bundle) + " is not a reader driver; felix:update/uninstall handle other bundles");
        }
        return bundle;
    }

    private Bundle find(String which) {
        if (which.matches("\\d+")) {
            return context.getBundle(Long.parseLong(which));
        }
        for (Bundle bundle : context.getBundles()) {
            if (which.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    static boolean isDriver(Bundle bundle) {
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> reference : registered) {
                Object classes = reference.getProperty("objectClass");
                if (classes instanceof String[] names && List.of(names).contains(DriverDiscovery.READER_INTERFACE)) {
                    return true;
                }
            }
        }
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && DriverDiscovery.declaresReaderService(revision.getCapabilities("osgi.service"));
    }

    /** Drops the old revision's wiring now, as FileInstall does, so nothing keeps using it. */
    private void refresh(Bundle bundle) throws Exception {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        CompletableFuture<Void> done = new CompletableFuture<>();
        wiring.refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.complete(null);
            }
        });
        done.get(REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    private static String describe(Bundle bundle) {
        return "bundle " + bundle.getBundleId() + " " + bundle.getSymbolicName() + " " + bundle.getVersion();
    }

}
