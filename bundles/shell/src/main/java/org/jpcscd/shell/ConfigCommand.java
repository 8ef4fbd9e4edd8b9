package org.jpcscd.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * {@code pcsc:config}: the daemon's settings through Config Admin, described and checked by each
 * component's metatype (the same definitions that give the defaults). A change reaches the
 * component at once ({@code @Modified}, or a restart of it by DS).
 */
@Component(service = ConfigCommand.class)
@GogoCommand(scope = "pcsc", function = {"config"})
public class ConfigCommand {
    static final String PREFIX = "org.jpcscd.";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MetaTypeService metaTypeService;

    private final BundleContext context;

    @Activate
    public ConfigCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("show every jpcscd setting: PID, key, value (and whether it is the default)")
    public String config() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, ObjectClassDefinition> entry : definitions().entrySet()) {
            text.append(show(entry.getKey(), entry.getValue()));
        }
        return text.toString();
    }

    @Descriptor("show the settings of one PID")
    public String config(@Descriptor("PID, e.g. org.jpcscd.core, or its last part, e.g. core") String pid) throws IOException {
        String full = pid(pid);
        return show(full, definitions().get(full));
    }

    @Descriptor("change one setting; the value is checked against the setting's type and range first")
    public String config(@Descriptor("PID, e.g. org.jpcscd.core, or its last part, e.g. core") String pid,
            @Descriptor("setting key, e.g. polling.period.ms") String key,
            @Descriptor("new value") String value) throws IOException {
        String full = pid(pid);
        AttributeDefinition attribute = attribute(definitions().get(full), full, key);
        Object typed = Settings.parse(attribute, value, full);
        ConfigurationAdmin admin = required();
        Configuration configuration = admin.getConfiguration(full, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        Object before = properties.get(key);
        properties.put(key, typed);
        configuration.update(properties);
        return full + " " + key + " = " + typed + " (was " + (before == null ? defaultOf(attribute) + ", the default" : before) + ")";
    }

    private String show(String pid, ObjectClassDefinition definition) throws IOException {
        Dictionary<String, Object> properties = current(pid);
        TextTable table = new TextTable(pid, "VALUE", "");
        AttributeDefinition[] attributes = definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition attribute : attributes == null ? new AttributeDefinition[0] : attributes) {
            Object value = properties == null ? null : properties.get(attribute.getID());
            table.row("  " + attribute.getID(), value == null ? defaultOf(attribute) : String.valueOf(value),
                    value == null ? "(default)" : "");
        }
        return table.toString();
    }

    private Dictionary<String, Object> current(String pid) throws IOException {
        try {
            Configuration[] found = required().listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad PID " + pid);
        }
    }

    static String defaultOf(AttributeDefinition attribute) {
        String[] defaults = attribute.getDefaultValue();
        return defaults == null || defaults.length == 0 ? "" : String.join(",", defaults);
    }

    private static AttributeDefinition attribute(ObjectClassDefinition definition, String pid, String key) {
        AttributeDefinition[] attributes = definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
        StringBuilder known = new StringBuilder();
        for (AttributeDefinition attribute : attributes == null ? new AttributeDefinition[0] : attributes) {
            if (attribute.getID().equals(key)) {
                return attribute;
            }
            known.append(known.length() == 0 ? "" : ", ").append(attribute.getID());
        }
        throw new IllegalArgumentException(pid + " has no setting '" + key + "'; it has " + known);
    }

    /** Accepts the full PID or its part after {@value #PREFIX}. */
    private String pid(String name) {
        Map<String, ObjectClassDefinition> all = definitions();
        if (all.containsKey(name)) {
            return name;
        }
        if (all.containsKey(PREFIX + name)) {
            return PREFIX + name;
        }
        throw new IllegalArgumentException("no settings for '" + name + "'; known: " + String.join(", ", all.keySet()));
    }

    /** The metatype of every jpcscd component with a (singleton) configuration PID. */
    private Map<String, ObjectClassDefinition> definitions() {
        MetaTypeService metaTypes = metaTypeService;
        if (metaTypes == null) {
            throw new IllegalStateException("no metatype service (is the org.apache.felix.metatype bundle active?)");
        }
        Map<String, ObjectClassDefinition> found = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() == null || !bundle.getSymbolicName().startsWith(PREFIX)) {
                continue;
            }
            MetaTypeInformation information = metaTypes.getMetaTypeInformation(bundle);
            if (information == null) {
                continue;
            }
            for (String pid : information.getPids()) {
                found.put(pid, information.getObjectClassDefinition(pid, null));
            }
        }
        return found;
    }

    private ConfigurationAdmin required() {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            throw new IllegalStateException("no Config Admin service (is org.apache.felix.configadmin active?)");
        }
        return admin;
    }

    /** Values from text, by the metatype's type, with its own range check. */
    static final class Settings {
        private Settings() {
        }

        static Object parse(AttributeDefinition attribute, String value, String pid) {
            String where = pid + " " + attribute.getID();
            Object typed;
            try {
                typed = switch (attribute.getType()) {
                    case AttributeDefinition.LONG -> Long.valueOf(value.strip());
                    case AttributeDefinition.INTEGER -> Integer.valueOf(value.strip());
                    case AttributeDefinition.SHORT -> Short.valueOf(value.strip());
                    case AttributeDefinition.BYTE -> Byte.valueOf(value.strip());
                    case AttributeDefinition.DOUBLE -> Double.valueOf(value.strip());
                    case AttributeDefinition.FLOAT -> Float.valueOf(value.strip());
                    case AttributeDefinition.BOOLEAN -> bool(value.strip());
                    default -> value;
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": '" + value + "' is not " + typeName(attribute.getType()));
            }
            String[] options = attribute.getOptionValues();
            if (options != null && options.length > 0 && !java.util.Arrays.asList(options).contains(value.strip())) {
                throw new IllegalArgumentException(where + ": '" + value + "' is not one of " + String.join(", ", options));
            }
            String problem = attribute.validate(value.strip());
            if (problem != null && !problem.isEmpty()) {
                throw new IllegalArgumentException(where + ": '" + value + "' is not allowed: " + problem);
            }
            return typed;
        }

        private static Boolean bool(String value) {
            return switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new NumberFormatException(value);
            };
        }

        static String typeName(int type) {
            return switch (type) {
                case AttributeDefinition.LONG, AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> "a whole number";
                case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
                case AttributeDefinition.BOOLEAN -> "true or false";
                default -> "valid";
            };
        }
    }
}
