package org.jpcscd.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.jpcscd.client.testing.DebianPcscd;
import org.jpcscd.client.testing.VpcdDaemon;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AutoStartContract} with pcsc-lite's pcscd as the daemon to start (in a private mount
 * namespace, so its fixed socket path lands on ours).
 */
class PcscdAutoStartIT extends AutoStartContract {
    @TempDir
    Path dir;

    private Path socket;
    private Path script;

    @BeforeEach
    void prepare() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("vpcd"), "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:0x"
                + Integer.toHexString(VpcdDaemon.freePortPair()) + "\nLIBPATH " + DebianPcscd.VPCD_DRIVER + "\n");
        Files.createDirectories(Path.of("/run/pcscd"));
        socket = run.resolve("pcscd.comm");
        script = dir.resolve("start-pcscd");
        Files.writeString(script, "#!/bin/sh\n# the client passes --socket PATH; pcscd's socket is fixed, the mount puts it there\n"
                + "exec /usr/bin/unshare -m sh -c 'mount --bind \"$0\" /run/pcscd && exec \"$@\"' " + run + " "
                + DebianPcscd.PCSCD + " --foreground --auto-exit -c " + conf + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Override
    protected Path socket() {
        return socket;
    }

    /** The pcscd processes started for this test (recognised by their private config folder). */
    @Override
    protected List<ProcessHandle> daemons() {
        String marker = dir.resolve("conf").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.startsWith(DebianPcscd.PCSCD.toString()) && c.contains(marker)).orElse(false))
                .toList();
    }

    @Override
    protected void configureClient(Map<String, String> environment) {
        environment.put("JPCSCD_DAEMON", script + " --socket {socket}");
    }
}
