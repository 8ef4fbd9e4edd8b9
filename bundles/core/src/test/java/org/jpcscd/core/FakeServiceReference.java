package org.jpcscd.core;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.jpcscd.api.ifd.IfdReader;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** The service reference DS would pass with a reader: its properties and registering bundle. */
final class FakeServiceReference implements ServiceReference<IfdReader> {
    private final Hashtable<String, Object> properties = new Hashtable<>();
    private final Bundle bundle;

    FakeServiceReference(String bundleSymbolicName, Map<String, Object> props) {
        properties.putAll(props);
        bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> bundleSymbolicName;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "bundle " + bundleSymbolicName;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public Object getProperty(String key) {
        return properties.get(key);
    }

    @Override
    public String[] getPropertyKeys() {
        return properties.keySet().toArray(new String[0]);
    }

    @Override
    public Bundle getBundle() {
        return bundle;
    }

    @Override
    public Bundle[] getUsingBundles() {
        return new Bundle[0];
    }

    @Override
    public boolean isAssignableTo(Bundle other, String className) {
        return true;
    }

    @Override
    public int compareTo(Object reference) {
        return 0;
    }

    @Override
    public Dictionary<String, Object> getProperties() {
        return new Hashtable<>(properties);
    }

    @Override
    public <A> A adapt(Class<A> type) {
        return null;
    }
}
