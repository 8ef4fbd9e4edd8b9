package org.jpcscd.launcher;

import java.lang.reflect.InvocationTargetException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the launch's configurations to Config Admin as soon as its service appears, before the
 * bundles of higher start levels activate their components. Config Admin is called reflectively
 * through its own bundle's class loader so the launcher does not have to share the
 * {@code org.osgi.service.cm} package with the framework; for the same reason it listens with an
 * {@link AllServiceListener}, which the framework does not filter by class-space compatibility.
 */
final class ConfigAdminBridge implements AllServiceListener {
    static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigAdminBridge.class);

    private final BundleContext context;
    private final Map<String, Map<String, Object>> configurations;
    private volatile boolean applied;

    private ConfigAdminBridge(BundleContext context, Map<String, Map<String, Object>> configurations) {
        this.context = context;
        this.configurations = configurations;
    }

    /** Registers the bridge on the system bundle's context; call before the framework starts. */
    static void install(BundleContext context, Map<String, Map<String, Object>> configurations) {
        if (configurations.isEmpty()) {
            return;
        }
        ConfigAdminBridge bridge = new ConfigAdminBridge(context, configurations);
        try {
            context.addServiceListener(bridge, "(objectClass=" + CONFIGURATION_ADMIN + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED && !applied) {
            applied = true;
            apply(event.getServiceReference());
            context.removeServiceListener(this);
        }
    }

    private void apply(ServiceReference<?> reference) {
        Object admin = context.getService(reference);
        try {
            ClassLoader api = reference.getBundle().adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();
            Class<?> adminType = api.loadClass(CONFIGURATION_ADMIN);
            Class<?> configurationType = api.loadClass("org.osgi.service.cm.Configuration");
            for (Map.Entry<String, Map<String, Object>> entry : configurations.entrySet()) {
                String pid = entry.getKey();
                Object configuration;
                int tilde = pid.indexOf('~');
                if (tilde > 0) {
                    configuration = adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                            .invoke(admin, pid.substring(0, tilde), pid.substring(tilde + 1), "?");
                } else {
                    configuration = adminType.getMethod("getConfiguration", String.class, String.class)
                            .invoke(admin, pid, "?");
                }
                Dictionary<String, Object> properties = new Hashtable<>(entry.getValue());
                configurationType.getMethod("update", Dictionary.class).invoke(configuration, properties);
                LOG.debug("configuration {} set from the features and command line", pid);
            }
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            LOG.error("could not apply the configurations through Config Admin: {}", cause.toString());
        } finally {
            context.ungetService(reference);
        }
    }
}
