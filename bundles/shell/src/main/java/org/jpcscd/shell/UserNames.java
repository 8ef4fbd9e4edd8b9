package org.jpcscd.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** User names for uids, from /etc/passwd (enough for a display; NSS-only users show as their uid). */
final class UserNames {
    private static final Path PASSWD = Path.of("/etc/passwd");

    private UserNames() {
    }

    static String of(long uid) {
        if (uid < 0) {
            return "?";
        }
        try {
            List<String> lines = Files.readAllLines(PASSWD);
            for (String line : lines) {
                String[] fields = line.split(":", -1);
                if (fields.length > 2 && fields[2].equals(Long.toString(uid))) {
                    return fields[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            // Fall through to the number.
        }
        return Long.toString(uid);
    }
}
