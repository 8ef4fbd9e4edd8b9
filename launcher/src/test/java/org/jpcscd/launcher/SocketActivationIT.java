package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd socket activation, with a small Python stand-in for systemd: a real libpcsclite client
 * (pyscard) is served by a daemon started on its connection; the daemon exits after the idle delay,
 * the socket stays, and the next client's connection starts it again.
 */
class SocketActivationIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration CLIENT_DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path runtime;
    private DaemonRun systemd;

    @AfterEach
    void kill() {
        if (systemd != null) {
            systemd.process.descendants().forEach(ProcessHandle::destroyForcibly);
            systemd.close();
        }
    }

    @Test
    void aLibpcscliteClientIsServedAndTheDaemonExitsAndIsStartedAgain() throws Exception {
        Path socket = runtime.resolve("pcscd.comm");
        List<String> command = new ArrayList<>(List.of(PYTHON, script("systemd_socket.py").toString(),
                socket.toString(), "2", DaemonRun.DIST.resolve("bin/pcscd").toString()));
        command.addAll(DaemonRun.arguments(socket, "--auto-exit=1"));
        systemd = DaemonRun.of(DaemonRun.builder(runtime, command, Map.of()).start());
        systemd.output.await(l -> l.equals("listening"), DaemonRun.START);

        for (int run = 1; run <= 2; run++) {
            String output = pyscardClient(socket);
            assertTrue(output.contains("establish 0x00000000"), output);
            assertTrue(output.contains("jpcscd Virtual Reader 00 00"), output);
            assertTrue(output.contains("release 0x00000000"), output);
            int startsSoFar = run;
            systemd.output.await(l -> l.contains("(socket from systemd)") && count("(socket from systemd)") >= startsSoFar,
                    DaemonRun.START);
            systemd.output.await(l -> l.equals("exited 0") && count("exited 0") >= startsSoFar, DaemonRun.START);
            assertTrue(Files.exists(socket), "the socket belongs to systemd and stays");
            assertTrue(!Files.exists(runtime.resolve("pcscd.pid")), "the pid file is removed");
        }
        systemd.output.await(l -> l.equals("done"), DaemonRun.STOP);
    }

    private int count(String text) {
        return (int) systemd.output.text().lines().filter(l -> l.contains(text)).count();
    }

    private String pyscardClient(Path socket) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PYTHON, script("list_readers.py").toString()).redirectErrorStream(true);
        builder.environment().put("PCSCLITE_CSOCK_NAME", socket.toString());
        Process client = builder.start();
        ProcessOutput output = ProcessOutput.of(client);
        assertTrue(client.waitFor(CLIENT_DEADLINE.toSeconds(), TimeUnit.SECONDS), () -> "client hung:\n" + output.text());
        assertEquals(0, client.exitValue(), output.text());
        output.await(l -> l.startsWith("release"), DaemonRun.STOP);
        return output.text();
    }

    private Path script(String name) throws IOException {
        Path file = runtime.resolve(name);
        try (InputStream in = SocketActivationIT.class.getResourceAsStream(name)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
