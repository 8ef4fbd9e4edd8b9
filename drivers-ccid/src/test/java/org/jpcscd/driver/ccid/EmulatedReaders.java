package org.jpcscd.driver.ccid;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.ccid.emulator.CcidEmulator;

/** Opens the driver's reader on an emulator, and waits for conditions with a deadline. */
final class EmulatedReaders {
    final AtomicInteger goneCalls = new AtomicInteger();

    CcidReader open(CcidEmulator emulator) throws IfdException {
        return open(emulator, false);
    }

    CcidReader open(CcidEmulator emulator, boolean escapeAllowed) throws IfdException {
        CcidInterface ccid = CcidInterface.find(emulator).orElseThrow();
        return CcidReader.open(emulator, ccid, "Test reader", escapeAllowed, Duration.ofMillis(100),
                goneCalls::incrementAndGet);
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            // a short park between checks; the condition and its deadline decide, not the pause
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
