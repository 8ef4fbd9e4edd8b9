package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.osgi.service.feature.FeatureService;

class MavenRepositoryTest {
    private final FeatureService features = ServiceLoader.load(FeatureService.class).findFirst().orElseThrow();
    private final MavenRepository repository = new MavenRepository(Path.of("/d/system"));

    @Test
    void plainJar() {
        assertEquals(Path.of("/d/system/org/apache/felix/org.apache.felix.scr/2.2.18/org.apache.felix.scr-2.2.18.jar"),
                repository.resolve(features.getIDfromMavenCoordinates("org.apache.felix:org.apache.felix.scr:2.2.18")));
    }

    @Test
    void classifierAndType() {
        assertEquals(Path.of("/d/system/org/usb4java/libusb4java/1.3.0/libusb4java-1.3.0-linux-x86-64.jar"),
                repository.resolve(features.getIDfromMavenCoordinates("org.usb4java:libusb4java:jar:linux-x86-64:1.3.0")));
    }
}
