package org.jpcscd.client.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jpcscd.client.AutoStartContract;
import org.junit.jupiter.api.BeforeEach;

/** {@link AutoStartContract} with jpcscd's bin/pcscd as the daemon the client starts. */
class JpcscdAutoStartIT extends AutoStartContract {
    private Path dir;
    private Path socket;

    @BeforeEach
    void freshSocket() throws Exception {
        dir = Files.createTempDirectory("jpcscd-autostart");
        socket = dir.resolve("pcscd.comm");
    }

    @Override
    protected Path socket() {
        return socket;
    }

    @Override
    protected List<ProcessHandle> daemons() {
        return Distribution.daemonsOn(socket);
    }

    @Override
    protected void configureClient(Map<String, String> environment) throws Exception {
        environment.put("JPCSCD_HOME", JpcscdDaemon.distribution().toString());
        environment.put("XDG_RUNTIME_DIR", dir.toString());
        String command = Distribution.daemonCommand();
        if (command != null) {
            environment.put("JPCSCD_DAEMON", command);
        } else {
            environment.remove("JPCSCD_DAEMON");
        }
    }
}
