package org.jpcscd.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The folders of an unpacked distribution: {@code system/} (bundles in Maven layout),
 * {@code etc/} (configuration and {@code features/}), {@code deploy/} (hot-deployed drivers).
 */
record Distribution(Path home) {
    Path system() {
        return home.resolve("system");
    }

    Path etc() {
        return home.resolve("etc");
    }

    Path deploy() {
        return home.resolve("deploy");
    }

    /** A feature by name ({@code etc/features/NAME.json}) or, if it looks like one, by path. */
    Path feature(String nameOrPath) {
        if (nameOrPath.endsWith(".json") || nameOrPath.contains("/")) {
            return Path.of(nameOrPath);
        }
        return etc().resolve("features").resolve(nameOrPath + ".json");
    }

    List<Path> features(List<String> namesOrPaths) {
        List<Path> files = new ArrayList<>();
        for (String name : namesOrPaths) {
            Path file = feature(name);
            if (!Files.isRegularFile(file)) {
                throw new LaunchException("no feature '" + name + "' (looked for " + file + ")");
            }
            files.add(file);
        }
        return files;
    }

    /** The values the feature files' variables ({@code ${deploy.dir}} ...) take in this distribution. */
    Map<String, Object> variables() {
        return Map.of(
                "home.dir", home.toString(),
                "etc.dir", etc().toString(),
                "deploy.dir", deploy().toString());
    }

    /** The distribution holding this class: {@code lib/jpcscd-launcher.jar} lives one level down. */
    static Path homeOfThisJar() {
        try {
            Path jar = Path.of(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = jar.getParent();
            return lib == null || lib.getParent() == null ? Path.of(".") : lib.getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of(".");
        }
    }
}
