package org.jpcscd.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auto-start's failure paths, which need no real daemon. */
class AutoStartTest {
    @TempDir
    Path dir;

    @Test
    void aDaemonThatDiesAtOnceIsReportedWithItsLog() throws Exception {
        Path socket = dir.resolve("pcscd.comm");
        ClientSettings settings = ClientSettings.forSocket(socket).withAutoStart(true)
                .withDaemonCommand(List.of("/bin/sh", "-c", "echo cannot open the reader list; exit 3"));
        ScardException e = assertThrows(ScardException.class, () -> PcscClient.create(settings).establishContext());
        assertEquals(ScardCode.E_NO_SERVICE, e.code());
        assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot open the reader list"), e.getMessage());
    }

    @Test
    void aDaemonThatNeverListensTimesOutQuotingItsLog() throws Exception {
        Path socket = dir.resolve("pcscd.comm");
        ClientSettings settings = ClientSettings.forSocket(socket).withAutoStart(true).withStartTimeout(Duration.ofMillis(700))
                .withDaemonCommand(List.of("/bin/sh", "-c", "echo loading drivers; exec sleep 30"));
        long start = System.nanoTime();
        ScardException e = assertThrows(ScardException.class, () -> PcscClient.create(settings).establishContext());
        assertEquals(ScardCode.E_NO_SERVICE, e.code());
        assertTrue(e.getMessage().contains("did not accept within 700 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("loading drivers"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "bounded by the timeout");
    }

    /**
     * A leftover socket file is the daemon's to judge under its own instance lock: a client that
     * deleted it could delete the socket a resuming daemon had just re-created.
     */
    @Test
    void aLeftoverSocketFileIsLeftForTheDaemonToJudge() throws Exception {
        Path socket = dir.resolve("pcscd.comm");
        Files.writeString(socket, "left behind");
        ClientSettings settings = ClientSettings.forSocket(socket).withAutoStart(true)
                .withDaemonCommand(List.of("/bin/sh", "-c", "test -e '" + socket + "' && printf 'socket file %s\\n' kept; exit 3"));
        ScardException e = assertThrows(ScardException.class, () -> PcscClient.create(settings).establishContext());
        assertTrue(e.getMessage().contains("socket file kept"), e.getMessage());
        assertTrue(Files.exists(socket), "the client removed the socket file");
    }

    @Test
    void switchedOffNothingIsStarted() throws Exception {
        Path socket = dir.resolve("pcscd.comm");
        Path marker = dir.resolve("started");
        ClientSettings settings = ClientSettings.forSocket(socket).withAutoStart(false)
                .withDaemonCommand(List.of("/bin/sh", "-c", "touch " + marker));
        ScardException e = assertThrows(ScardException.class, () -> PcscClient.create(settings).establishContext());
        assertEquals(ScardCode.E_NO_SERVICE, e.code());
        assertFalse(Files.exists(marker));
    }
}
