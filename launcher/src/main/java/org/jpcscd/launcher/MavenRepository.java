package org.jpcscd.launcher;

import java.nio.file.Path;
import org.osgi.service.feature.ID;

/** A folder in Maven repository layout, as {@code system/} of the distribution is. */
record MavenRepository(Path root) {
    /** {@code group/path/artifact/version/artifact-version[-classifier].type}; type defaults to jar. */
    Path resolve(ID id) {
        String file = id.getArtifactId() + "-" + id.getVersion()
                + id.getClassifier().map(c -> "-" + c).orElse("")
                + "." + id.getType().orElse("jar");
        return root.resolve(id.getGroupId().replace('.', '/'))
                .resolve(id.getArtifactId())
                .resolve(id.getVersion())
                .resolve(file);
    }
}
