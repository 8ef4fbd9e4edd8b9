package org.jpcscd.launcher;

import java.util.Arrays;
import picocli.CommandLine;

/**
 * {@code bin/pcscd}: parses the command line and runs the daemon; the exit status is the daemon's.
 * {@code bin/pcscd shell ...} attaches to a running daemon's shell instead ({@link ShellCommand}).
 */
public final class Main {
    static final String SHELL = "shell";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The whole program without {@link System#exit}, so tests can call it. */
    static int run(String... args) {
        if (args.length > 0 && args[0].equals(SHELL)) {
            return shell(Arrays.copyOfRange(args, 1, args.length));
        }
        return new CommandLine(new PcscdCommand(Settings.fromEnvironment(System.getenv())))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    /**
     * {@code pcscd shell ...}. Only as the first word, not as a picocli subcommand: "shell" is also a
     * feature name, and {@code --features shell} must keep meaning the feature.
     */
    static int shell(String... args) {
        return new CommandLine(new ShellCommand())
                // Everything after the first word of the Gogo command belongs to it, options included.
                .setStopAtPositional(true)
                .setUnmatchedOptionsArePositionalParams(true)
                .execute(args);
    }
}
