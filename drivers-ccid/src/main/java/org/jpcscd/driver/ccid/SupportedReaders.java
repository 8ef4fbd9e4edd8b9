package org.jpcscd.driver.ccid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The list of readers this driver knows by vendor and product id (the data file
 * {@code supported-readers.txt} in this bundle, started from libccid's list).
 */
final class SupportedReaders {
    static final String RESOURCE = "supported-readers.txt";

    private final Map<Integer, String> names;

    private SupportedReaders(Map<Integer, String> names) {
        this.names = names;
    }

    static SupportedReaders load() {
        try (InputStream in = SupportedReaders.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the bundle");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SupportedReaders parse(BufferedReader reader) throws IOException {
        Map<Integer, String> names = new LinkedHashMap<>();
        for (String line; (line = reader.readLine()) != null;) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", 3);
            if (parts.length != 3) {
                throw new IOException("bad reader line: " + line);
            }
            // The first entry of an id pair wins, as in libccid's Info.plist lookup.
            names.putIfAbsent(key(Integer.decode(parts[0]), Integer.decode(parts[1])), parts[2].strip());
        }
        return new SupportedReaders(names);
    }

    Optional<String> name(int vendorId, int productId) {
        return Optional.ofNullable(names.get(key(vendorId, productId)));
    }

    boolean contains(int vendorId, int productId) {
        return names.containsKey(key(vendorId, productId));
    }

    int size() {
        return names.size();
    }

    private static int key(int vendorId, int productId) {
        return (vendorId & 0xFFFF) << 16 | (productId & 0xFFFF);
    }
}
