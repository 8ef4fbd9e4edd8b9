package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.jpcscd.launcher.PackagedDaemon.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged daemon's log level changed live with pcsc:config org.jpcscd.logging (slf4j-jdk14 asks
 * java.util.logging on every call), and APDU tracing unaffected by it either way.
 */
class LogLevelIT {
    private static final String READER = "jpcscd Virtual Reader 00 00";
    private static final Duration STEP = Duration.ofSeconds(20);
    private static PackagedDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = PackagedDaemon.start("core,protocol,shell,virtual");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String ok(String... command) throws Exception {
        Result result = daemon.shell(command);
        assertEquals(0, result.status(), result.toString());
        assertEquals("", result.err(), result.toString());
        return result.out();
    }

    /** The core's debug line for a new polling period, e.g. "pollingPeriod=PT0.251S". */
    private static String configuredLine(int pollingMs) {
        return "DEBUG org.jpcscd.core.ResourceManagerImpl - Configured: Limits[pollingPeriod=PT0." + pollingMs + "S";
    }

    @Test
    void debugLinesAppearAtDebugAndStopAtInfo() throws Exception {
        assertTrue(ok("pcsc:config", "org.jpcscd.logging", "level", "DEBUG").contains("org.jpcscd.logging level = DEBUG"));
        ok("pcsc:config", "core", "polling.period.ms", "251");
        daemon.log.await(line -> line.contains(configuredLine(251)), STEP);

        ok("pcsc:config", "org.jpcscd.logging", "level", "INFO");
        ok("pcsc:config", "core", "polling.period.ms", "252");
        // Config Admin delivers updates in order: once 253's line is logged, 252's would have been.
        ok("pcsc:config", "org.jpcscd.logging", "level", "DEBUG");
        ok("pcsc:config", "core", "polling.period.ms", "253");
        daemon.log.await(line -> line.contains(configuredLine(253)), STEP);
        assertFalse(daemon.log.text().contains("pollingPeriod=PT0.252S"), daemon.log.text());
        ok("pcsc:config", "org.jpcscd.logging", "level", "INFO");
    }

    /** --debug is the same setting: the shell's component keeps DEBUG when it activates. */
    @Test
    void debugOptionStartsAtDebugThroughTheSameSetting() throws Exception {
        try (PackagedDaemon debug = PackagedDaemon.start("core,protocol,shell,virtual", "--debug")) {
            Result shown = debug.shell("pcsc:config", "org.jpcscd.logging");
            assertEquals(0, shown.status(), shown.toString());
            assertTrue(shown.out().lines().anyMatch(line -> line.matches("\\s*level\\s+DEBUG\\s*")), shown.toString());
            assertEquals(0, debug.shell("pcsc:config", "core", "polling.period.ms", "254").status());
            debug.log.await(line -> line.contains(configuredLine(254)), STEP);
        }
    }

    @Test
    void aBadLevelIsOneLineErrorAndChangesNothing() throws Exception {
        Result result = daemon.shell("pcsc:config", "org.jpcscd.logging", "level", "LOUD");
        assertEquals(1, result.status(), result.toString());
        assertEquals("Error: org.jpcscd.logging level: 'LOUD' is not one of ERROR, WARN, INFO, DEBUG, TRACE",
                result.err().strip(), result.toString());
        assertEquals(1, result.err().lines().count(), result.toString());
        assertFalse(ok("pcsc:config", "org.jpcscd.logging").contains("LOUD"));
    }

    @Test
    void apduTracingIgnoresTheLogLevel() throws Exception {
        // Tracing off: nothing at TRACE, the most verbose level.
        ok("pcsc:config", "org.jpcscd.logging", "level", "TRACE");
        daemon.python("transmit.py", READER, "00A4040008A000000003000010").await("response");
        // Tracing on: logged even when only errors are.
        ok("pcsc:config", "org.jpcscd.logging", "level", "ERROR");
        ok("pcsc:trace", "on", READER);
        daemon.python("transmit.py", READER, "00A4040008A000000003000011").await("response");
        daemon.log.await(line -> line.contains("INFO org.jpcscd.core.apdu - APDU " + READER + " > 00A4040008A000000003000011"), STEP);
        daemon.log.await(line -> line.contains("APDU " + READER + " < "), STEP);
        assertFalse(daemon.log.text().contains("00A4040008A000000003000010"), daemon.log.text());
        ok("pcsc:trace", "off");
        ok("pcsc:config", "org.jpcscd.logging", "level", "INFO");
    }
}
