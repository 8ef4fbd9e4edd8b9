package org.jpcscd.itests;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The pyscard scripts of this module, run by Debian's python3 (where apt installs python3-pyscard). */
final class Pyscard {
    static final String PYTHON = "/usr/bin/python3";

    private Pyscard() {
    }

    static List<String> script(String name, String... arguments) {
        try {
            Path classes = Path.of(Pyscard.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> command = new ArrayList<>(List.of(PYTHON, "-u",
                    classes.resolve("org/jpcscd/itests/" + name).toString()));
            command.addAll(List.of(arguments));
            return command;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
