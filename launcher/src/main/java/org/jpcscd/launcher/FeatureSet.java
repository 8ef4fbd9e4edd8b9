package org.jpcscd.launcher;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureConfiguration;
import org.osgi.service.feature.FeatureExtension;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;

/**
 * Several feature files (OSGi Compendium ch. 159) merged into what a launch needs: the bundles in
 * order with their start levels, the framework properties and the configurations. Start levels use
 * the Feature Launcher's names (ch. 160): bundle metadata {@code bundleStartLevel} and the extension
 * {@code bundle-start-levels} with {@code defaultStartLevel} and {@code minimumStartLevel}.
 */
final class FeatureSet {
    static final String LAUNCHING_PROPERTIES = "framework-launching-properties";
    static final String START_LEVELS = "bundle-start-levels";
    static final String BUNDLE_START_LEVEL = "bundleStartLevel";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)\\}");

    /** One bundle to install. */
    record LaunchBundle(ID id, int startLevel, String feature) {
    }

    private final List<LaunchBundle> bundles = new ArrayList<>();
    private final Map<String, String> frameworkProperties = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
    private int minimumStartLevel = 1;

    private FeatureSet() {
    }

    /**
     * Reads and merges the files in order; a later feature's framework property or configuration
     * replaces an earlier one's, a bundle named twice is installed once (first start level wins).
     *
     * @param suppliedVariables values for the features' variables (the launcher's layout); these
     *     win over the defaults a feature declares, and a variable without a value is an error
     */
    static FeatureSet read(List<Path> files, Map<String, Object> suppliedVariables) {
        FeatureService service = ServiceLoader.load(FeatureService.class, FeatureSet.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi FeatureService implementation on the class path"));
        FeatureSet set = new FeatureSet();
        Set<String> seen = new LinkedHashSet<>();
        for (Path file : files) {
            Feature feature;
            try (Reader reader = Files.newBufferedReader(file)) {
                feature = service.readFeature(reader);
            } catch (IOException | RuntimeException e) {
                throw new LaunchException("cannot read feature " + file + ": " + e.getMessage(), e);
            }
            set.add(feature, file, suppliedVariables, seen);
        }
        return set;
    }

    private void add(Feature feature, Path file, Map<String, Object> supplied, Set<String> seen) {
        Map<String, Object> variables = new HashMap<>(feature.getVariables());
        variables.putAll(supplied);
        String name = feature.getID().getClassifier().orElse(feature.getID().getArtifactId());

        JsonObject levels = json(feature, START_LEVELS);
        int defaultLevel = levels.containsKey("defaultStartLevel") ? levels.getInt("defaultStartLevel") : 1;
        if (levels.containsKey("minimumStartLevel")) {
            minimumStartLevel = Math.max(minimumStartLevel, levels.getInt("minimumStartLevel"));
        }
        for (FeatureBundle bundle : feature.getBundles()) {
            if (seen.add(bundle.getID().toString())) {
                Object level = bundle.getMetadata().get(BUNDLE_START_LEVEL);
                int startLevel = level == null ? defaultLevel : Integer.parseInt(level.toString());
                bundles.add(new LaunchBundle(bundle.getID(), startLevel, name));
            }
        }

        for (Map.Entry<String, JsonValue> property : json(feature, LAUNCHING_PROPERTIES).entrySet()) {
            String raw = switch (property.getValue().getValueType()) {
                case STRING -> ((JsonString) property.getValue()).getString();
                case NUMBER -> ((JsonNumber) property.getValue()).toString();
                default -> property.getValue().toString();
            };
            frameworkProperties.put(property.getKey(), substitute(raw, variables, file));
        }

        for (FeatureConfiguration configuration : feature.getConfigurations().values()) {
            Map<String, Object> values = new LinkedHashMap<>();
            configuration.getValues().forEach((key, value) ->
                    values.put(key, value instanceof String s ? substitute(s, variables, file) : value));
            // A factory configuration's PID is already "factoryPid~name".
            configurations.put(configuration.getPid(), values);
        }
    }

    private static JsonObject json(Feature feature, String extension) {
        FeatureExtension found = feature.getExtensions().get(extension);
        if (found == null || found.getType() != FeatureExtension.Type.JSON) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(found.getJSON()))) {
            return reader.readObject();
        }
    }

    private static String substitute(String value, Map<String, Object> variables, Path file) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            Object replacement = variables.get(matcher.group(1));
            if (replacement == null) {
                throw new LaunchException("feature " + file + ": variable '" + matcher.group(1) + "' has no value");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement.toString()));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    List<LaunchBundle> bundles() {
        return Collections.unmodifiableList(bundles);
    }

    Map<String, String> frameworkProperties() {
        return Collections.unmodifiableMap(frameworkProperties);
    }

    /** Keyed by PID, or {@code factoryPid~name} for factory configurations. */
    Map<String, Map<String, Object>> configurations() {
        return Collections.unmodifiableMap(configurations);
    }

    /** The framework's beginning start level: high enough for every bundle and every feature's minimum. */
    int beginningStartLevel() {
        int highest = bundles.stream().mapToInt(LaunchBundle::startLevel).max().orElse(1);
        return Math.max(highest, minimumStartLevel);
    }
}
