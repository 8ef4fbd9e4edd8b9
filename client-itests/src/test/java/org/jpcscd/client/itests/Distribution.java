package org.jpcscd.client.itests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Facts about the distribution under test that decide how a test starts it. */
final class Distribution {
    private static Boolean autoExit;

    private Distribution() {
    }

    static Path bin(String script) {
        return JpcscdDaemon.distribution().resolve("bin").resolve(script);
    }

    /** Whether bin/pcscd knows --auto-exit (the client's default daemon command passes it). */
    static synchronized boolean supportsAutoExit() throws Exception {
        if (autoExit == null) {
            Process p = new ProcessBuilder("sh", bin("pcscd").toString(), "--help").redirectErrorStream(true).start();
            String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            autoExit = help.contains("--auto-exit");
        }
        return autoExit;
    }

    /**
     * The daemon command for auto-start: the client's default (bin/pcscd --foreground --socket
     * {socket} --auto-exit, found through JPCSCD_HOME) when the launcher has --auto-exit, else the
     * same without it. Null means "use the default".
     */
    static String daemonCommand() throws Exception {
        return supportsAutoExit() ? null : bin("pcscd") + " --foreground --socket {socket}";
    }

    /** jpcscd daemons serving {@code socket} (their command line names it). */
    static List<ProcessHandle> daemonsOn(Path socket) {
        String marker = "--socket " + socket;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("org.jpcscd.launcher.Main") && c.contains(marker))
                        .orElse(false))
                .toList();
    }
}
