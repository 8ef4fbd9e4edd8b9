package org.jpcscd.launcher;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the framework keeps its cache: private to the user, because bundles' data may hold secrets.
 * {@code <runtime dir>/felix-cache} when a run-time directory is known ({@code $XDG_RUNTIME_DIR/jpcscd},
 * kept and cleaned by Felix on each first init), else a fresh temporary folder removed on exit.
 */
record CacheDirectory(Path path, boolean temporary) {
    static CacheDirectory choose(Path runtimeDirectory) {
        try {
            if (runtimeDirectory != null && Files.isDirectory(runtimeDirectory.getParent())
                    && Files.isWritable(runtimeDirectory.getParent())) {
                if (!Files.isDirectory(runtimeDirectory)) {
                    Files.createDirectory(runtimeDirectory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                return new CacheDirectory(runtimeDirectory.resolve("felix-cache"), false);
            }
            // createTempDirectory makes it owner-only (rwx------) on POSIX systems.
            return new CacheDirectory(Files.createTempDirectory("jpcscd-"), true);
        } catch (IOException e) {
            throw new LaunchException("cannot create the framework cache folder: " + e.getMessage(), e);
        }
    }

    /** Removes a temporary cache; a kept one stays for Felix to clean on next start. */
    void discard() {
        if (!temporary) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Only a leftover in the temp folder; not worth failing the exit status for.
        }
    }
}
