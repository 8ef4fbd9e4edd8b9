package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jpcscd.launcher.PackagedDaemon.ClientProcess;
import org.jpcscd.launcher.PackagedDaemon.Result;
import org.junit.jupiter.api.Test;

/**
 * Driver bundles from the shell while libpcsclite clients are connected: installing one wakes a
 * client waiting in SCardGetStatusChange with the new reader, updating it fails the handles on its
 * old reader cleanly, uninstalling it wakes the waiting client again with the reader gone.
 */
class DriverFromShellIT {
    private static final String READER = "jpcscd Virtual Reader 00 00";
    private static final Path VIRTUAL_DRIVER = PackagedDaemon.DIST.resolve("system/org/jpcscd/jpcscd-ifd-virtual/0.1.0/jpcscd-ifd-virtual-0.1.0.jar");

    private static List<String> wakes(ClientProcess waiter) {
        return waiter.output().text().lines().filter(line -> line.startsWith("woke readers")).toList();
    }

    @Test
    void installUpdateAndUninstallReachConnectedClients() throws Exception {
        try (PackagedDaemon daemon = PackagedDaemon.start("core,protocol,shell")) {
            ClientProcess waiter = daemon.python("wait_readers.py");
            assertEquals("readers ", waiter.await("readers "), "no reader before the driver");
            waiter.await("waiting");

            Result installed = daemon.shell("driver:install", VIRTUAL_DRIVER.toAbsolutePath().toString());
            assertEquals(0, installed.status(), installed.toString());
            assertTrue(installed.out().startsWith("installed and started bundle ") && installed.out().contains("org.jpcscd.ifd.virtual"),
                    installed.toString());
            waiter.await("woke readers " + READER);
            String drivers = daemon.shell("pcsc:drivers").out();
            assertTrue(drivers.contains("org.jpcscd.ifd.virtual") && drivers.contains(READER), drivers);

            ClientProcess holder = daemon.python("hold_then_transmit.py", READER);
            holder.await("connected");
            Result updated = daemon.shell("driver:update", "org.jpcscd.ifd.virtual");
            assertEquals(0, updated.status(), updated.toString());
            assertTrue(updated.out().startsWith("updated bundle "), updated.toString());
            PackagedDaemon.await(() -> {
                try {
                    return daemon.shell("pcsc:readers").out().contains(READER);
                } catch (Exception e) {
                    return false;
                }
            }, PackagedDaemon.STEP, "the updated driver's reader");
            // The handle belonged to the reader the old revision registered: it fails, with a PC/SC error.
            holder.process().getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
            holder.process().getOutputStream().flush();
            String transmit = holder.await("transmit ");
            assertTrue(transmit.startsWith("transmit 0x8010"), transmit);

            int before = wakes(waiter).size();
            Result uninstalled = daemon.shell("driver:uninstall", "org.jpcscd.ifd.virtual");
            assertEquals(0, uninstalled.status(), uninstalled.toString());
            PackagedDaemon.await(() -> {
                List<String> wakes = wakes(waiter);
                return wakes.size() > before && wakes.get(wakes.size() - 1).equals("woke readers ");
            }, PackagedDaemon.STEP, "a wake-up without readers; client output:\n" + waiter.output().text());

            Result notADriver = daemon.shell("driver:uninstall", "org.jpcscd.core");
            assertEquals(1, notADriver.status(), notADriver.toString());
            assertTrue(notADriver.err().contains("is not a reader driver"), notADriver.toString());
            Result missing = daemon.shell("driver:install", "/nonexistent/driver.jar");
            assertEquals("Error: no such file: /nonexistent/driver.jar", missing.err().strip(), missing.toString());
            assertEquals(0, daemon.shell("pcsc:readers").status(), "the daemon carries on");
        }
    }
}
