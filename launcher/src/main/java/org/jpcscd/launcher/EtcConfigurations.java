package org.jpcscd.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Config Admin files of {@code etc/} ({@code PID.cfg}, {@code FACTORYPID-NAME.cfg}), read before
 * the framework starts. FileInstall watches the same files, but only once its start level is
 * reached: without this, a driver configured in etc/ (say, no simulated reader) would first start
 * with its defaults and show clients a reader that then vanishes.
 */
final class EtcConfigurations {
    private EtcConfigurations() {
    }

    /** PID (factory configurations as {@code factory~name}, as the feature files write them) to values. */
    static Map<String, Map<String, Object>> read(Path etc) {
        Map<String, Map<String, Object>> configurations = new TreeMap<>();
        if (!Files.isDirectory(etc)) {
            return configurations;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(etc, "*.cfg")) {
            for (Path file : files) {
                configurations.put(pid(file), values(file));
            }
        } catch (IOException e) {
            throw new LaunchException("cannot read the configurations in " + etc + ": " + e.getMessage());
        }
        return configurations;
    }

    /** FileInstall's rule: the first '-' of the file name separates a factory PID from the instance name. */
    static String pid(Path file) {
        String name = file.getFileName().toString();
        String base = name.substring(0, name.length() - ".cfg".length());
        int dash = base.indexOf('-');
        return dash > 0 ? base.substring(0, dash) + "~" + base.substring(dash + 1) : base;
    }

    private static Map<String, Object> values(Path file) throws IOException {
        // FileInstall reads .cfg files as ISO-8859-1 properties unless configured otherwise.
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(in);
        }
        Map<String, Object> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }
}
