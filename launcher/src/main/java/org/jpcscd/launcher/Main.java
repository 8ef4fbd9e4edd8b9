package org.jpcscd.launcher;

import picocli.CommandLine;

/** {@code bin/pcscd}: parses the command line and runs the daemon; the exit status is the daemon's. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The whole program without {@link System#exit}, so tests can call it. */
    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new PcscdCommand(Settings.fromEnvironment(System.getenv())))
                .setCaseInsensitiveEnumValuesAllowed(true);
        // Everything after the shell's first word belongs to the Gogo command, options included.
        commandLine.getSubcommands().get("shell").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        return commandLine.execute(args);
    }
}
