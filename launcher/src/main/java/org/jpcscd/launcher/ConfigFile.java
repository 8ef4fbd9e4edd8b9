package org.jpcscd.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Properties;

/** {@code etc/pcscd.conf} (or {@code --config FILE}): launcher settings as Java properties. */
final class ConfigFile {
    private final Properties properties;

    private ConfigFile(Properties properties) {
        this.properties = properties;
    }

    static ConfigFile read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return new ConfigFile(properties);
    }

    void applyTo(Settings settings) {
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            switch (key) {
                case "features" -> settings.features = new ArrayList<>(
                        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
                case "debug" -> settings.debug = Boolean.parseBoolean(value);
                default -> settings.frameworkProperties.put(key, value);
            }
        }
    }
}
