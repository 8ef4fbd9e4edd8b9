package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jpcscd.launcher.PackagedDaemon.ClientProcess;
import org.jpcscd.launcher.PackagedDaemon.Result;
import org.junit.jupiter.api.Test;

/**
 * A driver installed from the shell wakes a libpcsclite client waiting in SCardGetStatusChange with
 * the new reader; uninstalling it wakes the client again with the reader gone.
 */
class DriverFromShellIT {
    private static final String READER = "jpcscd Virtual Reader 00 00";
    private static final Path VIRTUAL_DRIVER = PackagedDaemon.DIST.resolve("system/org/jpcscd/jpcscd-ifd-virtual/0.1.0/jpcscd-ifd-virtual-0.1.0.jar");

    @Test
    void installAndUninstallWakeAWaitingClient() throws Exception {
        try (PackagedDaemon daemon = PackagedDaemon.start("core,protocol,shell")) {
            ClientProcess waiter = daemon.python("wait_readers.py");
            waiter.await("readers ");
            waiter.await("waiting");

            Result installed = daemon.shell("driver:install", VIRTUAL_DRIVER.toAbsolutePath().toString());
            assertEquals(0, installed.status(), installed.toString());
            assertTrue(installed.out().startsWith("installed and started bundle ") && installed.out().contains("org.jpcscd.ifd.virtual"),
                    installed.toString());
            waiter.await("woke readers " + READER);

            String drivers = daemon.shell("pcsc:drivers").out();
            assertTrue(drivers.contains("org.jpcscd.ifd.virtual") && drivers.contains(READER), drivers);

            Result uninstalled = daemon.shell("driver:uninstall", "org.jpcscd.ifd.virtual");
            assertEquals(0, uninstalled.status(), uninstalled.toString());
            waiter.output().await(line -> line.equals("woke readers "), PackagedDaemon.STEP);

            Result notADriver = daemon.shell("driver:uninstall", "org.jpcscd.core");
            assertEquals(1, notADriver.status(), notADriver.toString());
            assertTrue(notADriver.err().contains("is not a reader driver"), notADriver.toString());
            Result missing = daemon.shell("driver:install", "/nonexistent/driver.jar");
            assertEquals("Error: no such file: /nonexistent/driver.jar", missing.err().strip(), missing.toString());
        }
    }
}
