package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One daemon per socket: the second refuses while the first lives; a killed one's leftovers are taken over. */
class SingleInstanceIT {
    @TempDir
    Path runtime;
    private DaemonRun first;
    private DaemonRun second;
    private DaemonRun third;

    @AfterEach
    void kill() {
        for (DaemonRun run : new DaemonRun[] {first, second, third}) {
            if (run != null) {
                run.close();
            }
        }
    }

    @Test
    void theSecondDaemonRefusesThenTakesOverAfterKillNine() throws Exception {
        Path socket = runtime.resolve("pcscd.comm");
        first = DaemonRun.start(runtime.resolve("a"), DaemonRun.arguments(socket));
        first.awaitServing();
        Files.createDirectories(runtime.resolve("b"));
        Files.createDirectories(runtime.resolve("c"));

        second = DaemonRun.start(runtime.resolve("b"), DaemonRun.arguments(socket));
        assertTrue(second.process.waitFor(DaemonRun.START.toSeconds(), TimeUnit.SECONDS), second.output::text);
        assertEquals(1, second.process.exitValue());
        String refusal = second.output.await(l -> l.contains("already serving"), DaemonRun.STOP);
        assertTrue(refusal.contains("pid " + first.pid()), "names the running daemon: " + refusal);
        assertTrue(first.process.isAlive());
        try (WireClient client = WireClient.connect(socket)) {
            assertEquals(0, client.establish(), "the first still serves");
        }

        first.process.destroyForcibly(); // kill -9: no clean-up at all
        assertTrue(first.process.waitFor(DaemonRun.STOP.toSeconds(), TimeUnit.SECONDS));
        assertTrue(Files.exists(socket) && Files.exists(runtime.resolve("pcscd.pid")), "the killed daemon left its files");

        third = DaemonRun.start(runtime.resolve("c"), DaemonRun.arguments(socket));
        third.awaitServing();
        try (WireClient client = WireClient.connect(socket)) {
            assertEquals(0, client.establish(), "the new daemon serves the old path");
        }
        assertEquals(Long.toString(third.pid()), Files.readString(runtime.resolve("pcscd.pid")).trim());
    }
}
