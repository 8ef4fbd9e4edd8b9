package org.jpcscd.ifd.vpcd;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link VpcdConfig} as DS would build it: the annotation's defaults, overridden by some properties. */
final class Configs {
    private Configs() {
    }

    static VpcdConfig vpcdConfig(Map<String, Object> overrides) {
        return (VpcdConfig) Proxy.newProxyInstance(VpcdConfig.class.getClassLoader(), new Class<?>[] {VpcdConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> VpcdConfig.class;
                    case "toString" -> "VpcdConfig" + overrides;
                    case "hashCode" -> overrides.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> overrides.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
