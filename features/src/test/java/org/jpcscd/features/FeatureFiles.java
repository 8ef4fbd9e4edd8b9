package org.jpcscd.features;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.osgi.service.feature.FeatureExtension;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;

/**
 * The feature files of src/main/features, read with the OSGi FeatureService implementation the
 * launcher uses, and their bundles located in target/system (the same Maven layout as the
 * distribution's system/). The tests boot exactly what these files say.
 */
final class FeatureFiles {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)\\}");

    /** One bundle of a feature with the start level the launcher would give it. */
    record Entry(ID id, Path jar, int startLevel, boolean start) {
    }

    static Path featuresDir() {
        return Path.of(System.getProperty("jpcscd.features", "src/main/features"));
    }

    static Path systemDir() {
        return Path.of(System.getProperty("jpcscd.system", "target/system"));
    }

    static List<String> names() {
        try (var files = Files.list(featuresDir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Feature read(String name) {
        FeatureService service = ServiceLoader.load(FeatureService.class).findFirst().orElseThrow();
        try (Reader reader = Files.newBufferedReader(featuresDir().resolve(name + ".json"))) {
            return service.readFeature(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundles of these features in launch order, without duplicates. */
    static List<Entry> bundles(List<String> names) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            Feature feature = read(name);
            JsonObject levels = json(feature, "bundle-start-levels");
            int defaultLevel = levels.containsKey("defaultStartLevel") ? levels.getInt("defaultStartLevel") : 1;
            for (FeatureBundle bundle : feature.getBundles()) {
                if (seen.add(bundle.getID().toString())) {
                    Object level = bundle.getMetadata().get("bundleStartLevel");
                    entries.add(new Entry(bundle.getID(), jar(bundle.getID()),
                            level == null ? defaultLevel : Integer.parseInt(level.toString()), true));
                }
            }
        }
        return entries;
    }

    /** The features' framework-launching-properties with their variables replaced. */
    static Map<String, String> frameworkProperties(List<String> names, Map<String, String> variables) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : names) {
            Feature feature = read(name);
            Map<String, Object> values = new LinkedHashMap<>(feature.getVariables());
            values.putAll(variables);
            for (Map.Entry<String, JsonValue> property : json(feature, "framework-launching-properties").entrySet()) {
                String raw = property.getValue() instanceof JsonString s ? s.getString() : property.getValue().toString();
                Matcher matcher = VARIABLE.matcher(raw);
                StringBuilder result = new StringBuilder();
                while (matcher.find()) {
                    Object value = values.get(matcher.group(1));
                    if (value == null) {
                        throw new IllegalArgumentException(name + ": no value for variable " + matcher.group(1));
                    }
                    matcher.appendReplacement(result, Matcher.quoteReplacement(value.toString()));
                }
                matcher.appendTail(result);
                properties.put(property.getKey(), result.toString());
            }
        }
        return properties;
    }

    static int minimumStartLevel(List<String> names) {
        int minimum = 1;
        for (String name : names) {
            JsonObject levels = json(read(name), "bundle-start-levels");
            if (levels.containsKey("minimumStartLevel")) {
                minimum = Math.max(minimum, levels.getInt("minimumStartLevel"));
            }
        }
        return minimum;
    }

    static Path jar(ID id) {
        return systemDir().resolve(id.getGroupId().replace('.', '/'))
                .resolve(id.getArtifactId())
                .resolve(id.getVersion())
                .resolve(id.getArtifactId() + "-" + id.getVersion()
                        + id.getClassifier().map(c -> "-" + c).orElse("") + "." + id.getType().orElse("jar"));
    }

    private static JsonObject json(Feature feature, String extension) {
        FeatureExtension found = feature.getExtensions().get(extension);
        if (found == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(found.getJSON()))) {
            return reader.readObject();
        }
    }

    private FeatureFiles() {
    }
}
