package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.jpcscd.launcher.PackagedDaemon.ClientProcess;
import org.jpcscd.launcher.PackagedDaemon.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bin/pcscd shell against the packaged daemon with two simulated readers and a libpcsclite client
 * holding a transaction: every command's output through the admin socket, and one-line errors.
 */
class AdminShellIT {
    private static final String FIRST = "jpcscd Virtual Reader 00 00";
    private static final String SECOND = "jpcscd Virtual Reader 01 00";
    private static PackagedDaemon daemon;
    private static ClientProcess holder;

    @BeforeAll
    static void start() throws Exception {
        daemon = PackagedDaemon.start("core,protocol,shell,virtual", "--set", "org.jpcscd.ifd.virtual:readers=2");
        holder = daemon.python("hold_transaction.py", FIRST);
        holder.await("held");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static Result ok(String... command) throws Exception {
        Result result = daemon.shell(command);
        assertEquals(0, result.status(), result.toString());
        assertEquals("", result.err(), result.toString());
        return result;
    }

    /** A failure is status 1 and exactly one line on standard error, no stack trace. */
    private static String failure(String... command) throws Exception {
        Result result = daemon.shell(command);
        assertEquals(1, result.status(), result.toString());
        assertEquals(1, result.err().lines().count(), result.toString());
        assertTrue(result.err().startsWith("Error: "), result.toString());
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.toString());
        return result.err().strip();
    }

    @Test
    void adminSocketIsOwnerOnly() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.adminSocket)));
    }

    @Test
    void readersShowsBothSimulatedReadersAndTheTransaction() throws Exception {
        String out = ok("pcsc:readers").out();
        assertTrue(out.contains(FIRST) && out.contains(SECOND), out);
        assertTrue(out.lines().anyMatch(line -> line.contains(FIRST) && line.contains("1 shared")), "the holder's handle: " + out);
        assertTrue(out.lines().anyMatch(line -> line.contains(SECOND) && line.contains("free")), out);
    }

    @Test
    void driversShowsTheVirtualDriverAndItsReaders() throws Exception {
        String out = ok("pcsc:drivers").out();
        assertTrue(out.contains("org.jpcscd.ifd.virtual") && out.contains("ACTIVE"), out);
        assertTrue(out.contains(FIRST), out);
    }

    @Test
    void clientsShowsTheHolderWithItsPidUserHandleAndTransaction() throws Exception {
        String out = ok("pcsc:clients").out();
        String pid = Long.toString(holder.process().pid());
        String row = out.lines().filter(line -> line.startsWith(pid + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for pid " + pid + ":\n" + out));
        assertTrue(row.matches(pid + "\\s+0\\s+root\\s+socket\\s+1\\s+1\\s+1\\s+" + FIRST + " \\(transaction\\)"), row);
    }

    @Test
    void statusShowsSocketsHowItStartedAndNoIdleTimer() throws Exception {
        String out = ok("pcsc:status").out();
        assertTrue(out.contains("socket:       " + daemon.socket), out);
        assertTrue(out.contains("admin socket: " + daemon.adminSocket), out);
        assertTrue(out.contains("started:      foreground by root"), out);
        assertTrue(out.contains("readers:      2"), out);
        assertTrue(out.contains("idle timer:   n/a"), out);
        assertTrue(out.matches("(?s).*uptime:\\s+0d \\d\\d:\\d\\d:\\d\\d.*"), out);
    }

    @Test
    void configShowsChangesAndValidatesSettings() throws Exception {
        assertTrue(ok("pcsc:config", "core").out().contains("polling.period.ms"));
        String changed = ok("pcsc:config", "core", "polling.period.ms", "250").out();
        assertTrue(changed.contains("org.jpcscd.core polling.period.ms = 250 (was 400, the default)"), changed);
        assertTrue(ok("pcsc:config", "org.jpcscd.core").out().lines()
                .anyMatch(line -> line.matches("\\s+polling\\.period\\.ms\\s+250")), "the new value is shown");

        assertEquals("Error: org.jpcscd.core polling.period.ms: 'fast' is not a whole number",
                failure("pcsc:config", "core", "polling.period.ms", "fast"));
        assertTrue(failure("pcsc:config", "core", "polling.period.ms", "5").contains("'5' is not allowed"));
        assertTrue(failure("pcsc:config", "core", "no.such.key", "1").contains("has no setting 'no.such.key'"));
        assertTrue(failure("pcsc:config", "nothing").contains("no settings for 'nothing'"));
    }

    @Test
    void aConfigChangeReachesTheRunningDriver() throws Exception {
        String third = "jpcscd Virtual Reader 02 00";
        try {
            String changed = ok("pcsc:config", "ifd.virtual", "readers", "3").out();
            assertTrue(changed.contains("org.jpcscd.ifd.virtual readers = 3 (was 2)"), changed);
            awaitReaders(out -> out.contains(third));
            assertTrue(failure("pcsc:config", "ifd.virtual", "readers", "17").contains("'17' is not allowed"));
        } finally {
            ok("pcsc:config", "ifd.virtual", "readers", "2");
        }
        awaitReaders(out -> !out.contains(third) && out.contains(SECOND));
    }

    private static void awaitReaders(java.util.function.Predicate<String> wanted) throws InterruptedException {
        PackagedDaemon.await(() -> {
            try {
                return wanted.test(daemon.shell("pcsc:readers").out());
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(15), "the readers to change");
    }

    @Test
    void traceLogsApduHexOfTheTracedReaderOnlyWhileOn() throws Exception {
        assertEquals("APDU tracing: on for " + SECOND, ok("pcsc:trace", "on", "1").out().strip());
        // The command's own log record goes to the daemon's log, not to the shell.
        daemon.log.await(line -> line.contains("WARN org.jpcscd.core.ResourceManagerImpl - APDU tracing on for " + SECOND),
                Duration.ofSeconds(10));
        daemon.python("transmit.py", SECOND, "00A4040008A000000003000000").await("response");
        String command = "APDU " + SECOND + " > 00A4040008A000000003000000";
        daemon.log.await(line -> line.contains(command), Duration.ofSeconds(10));
        daemon.log.await(line -> line.contains("APDU " + SECOND + " < "), Duration.ofSeconds(10));

        assertEquals("APDU tracing: off", ok("pcsc:trace", "off", SECOND).out().strip());
        daemon.python("transmit.py", SECOND, "00A4040008A000000003000001").await("response");
        // The second exchange is done (the client printed its response) before this check.
        assertFalse(daemon.log.text().contains("00A4040008A000000003000001"), daemon.log.text());

        assertEquals("Error: pcsc:trace expects 'on' or 'off', not 'maybe'", failure("pcsc:trace", "maybe"));
        assertEquals("Error: no reader 'Nowhere' (see pcsc:readers)", failure("pcsc:trace", "on", "Nowhere"));
    }

    @Test
    void cardsAreRemovedAndInsertedInSimulatedReaders() throws Exception {
        ok("card:remove", "1");
        String removed = ok("pcsc:readers").out();
        assertTrue(removed.lines().anyMatch(line -> line.contains(SECOND) && line.contains(" no ")), removed);
        ok("card:insert", SECOND);
        PackagedDaemon.await(() -> {
            try {
                return daemon.shell("pcsc:readers").out().lines().anyMatch(line -> line.contains(SECOND) && line.contains(" yes "));
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(10), "card back in " + SECOND);
    }

    @Test
    void felixCommandsStayAvailable() throws Exception {
        String out = ok("lb").out();
        assertTrue(out.contains("org.jpcscd.core") || out.contains("jpcscd core"), out);
        assertTrue(ok("help").out().contains("pcsc:clients"));
    }

    @Test
    void interactiveSessionRunsLinesFromStandardInputInOneSession() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", PackagedDaemon.DIST.resolve("bin/pcscd").toString(), "shell",
                "--socket", daemon.socket.toString());
        // Variables live as long as the session: the second line sees what the first one set.
        Result result = PackagedDaemon.run(builder,
                "reader = 1\npcsc:trace on $reader\npcsc:trace off\npcsc:trace maybe\npcsc:readers\n");
        assertEquals(0, result.status(), "the last line succeeded: " + result);
        assertTrue(result.out().contains("APDU tracing: on for " + SECOND), result.toString());
        assertTrue(result.out().contains("APDU tracing: off"), result.toString());
        assertTrue(result.out().contains(SECOND), result.toString());
        assertEquals("Error: pcsc:trace expects 'on' or 'off', not 'maybe'", result.err().strip(), result.toString());
    }

    @Test
    void anUnknownCommandIsOneLine() throws Exception {
        assertTrue(failure("pcsc:nonsense").contains("pcsc:nonsense"));
    }
}
