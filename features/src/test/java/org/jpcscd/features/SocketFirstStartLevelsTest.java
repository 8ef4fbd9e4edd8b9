package org.jpcscd.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The start levels serve the PC/SC socket first: a cold-started daemon answers its first client while
 * the shell, admin socket, idle exit and USB are still starting (issue 5's cold-start target).
 */
class SocketFirstStartLevelsTest {
    /** What the first ESTABLISH_CONTEXT on a default daemon needs, with a reader to list. */
    private static final Set<String> SOCKET_PATH = Set.of("org.apache.felix.configadmin", "org.apache.felix.scr",
            "jpcscd-api", "jpcscd-core", "jpcscd-wrap-junixsocket", "jpcscd-wire", "jpcscd-protocol",
            "jpcscd-ifd-virtual");
    /** Started only after every bundle of the socket path. */
    private static final Set<String> LATER = Set.of("org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command",
            "org.apache.felix.metatype", "org.apache.felix.fileinstall", "org.apache.felix.gogo.jline", "jline",
            "jpcscd-shell", "jpcscd-admin", "jpcscd-lifecycle", "jpcscd-usb", "jpcscd-wrap-usb4java",
            "jpcscd-driver-ccid");

    private final Map<String, Integer> levels = FeatureFiles.bundles(FeatureFiles.names()).stream()
            .collect(Collectors.toMap(e -> e.id().getArtifactId(), FeatureFiles.Entry::startLevel, (a, b) -> a));

    @Test
    void theSocketPathStartsBeforeEverythingAFirstClientDoesNotNeed() {
        int lastOfSocketPath = highest(SOCKET_PATH);
        for (String later : LATER) {
            assertTrue(level(later) > lastOfSocketPath,
                    later + " starts at level " + level(later) + ", not after the socket path (level " + lastOfSocketPath + ")");
        }
    }

    @Test
    void configAdminHoldsTheLaunchConfigurationsBeforeScrActivatesAnything() {
        assertTrue(level("org.apache.felix.configadmin") < level("org.apache.felix.scr"), levels.toString());
    }

    private int highest(Set<String> artifacts) {
        return artifacts.stream().mapToInt(this::level).max().orElseThrow();
    }

    private int level(String artifact) {
        Integer level = levels.get(artifact);
        assertTrue(level != null, artifact + " is in no feature");
        return level;
    }
}
