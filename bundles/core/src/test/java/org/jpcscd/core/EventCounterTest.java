package org.jpcscd.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The event counter of a reader-state entry wraps from 0xFFFF to 0, as pcscd's does. */
class EventCounterTest {
    @Test
    void theCounterWrapsAfter0xFFFF() {
        TestReader driver = TestReader.empty("Wrap");
        ReaderUnit unit = new ReaderUnit(driver, Harness.DRIVER, 0);
        ReaderSlot slot = new ReaderSlot(unit, driver.slot(), 0, "Wrap 00 00", new DriverGate(),
                new StateBroadcaster(Runnable::run), () -> { });
        unit.addSlot(slot);
        slot.checkPresence();
        assertEquals(0, slot.snapshot().eventCounter());

        for (int event = 1; event <= 0xFFFF; event++) {
            driver.slot().present = !driver.slot().present;
            slot.checkPresence();
        }
        assertEquals(0xFFFF, slot.snapshot().eventCounter());

        driver.slot().present = !driver.slot().present;
        slot.checkPresence();
        assertEquals(0, slot.snapshot().eventCounter());
        driver.slot().present = !driver.slot().present;
        slot.checkPresence();
        assertEquals(1, slot.snapshot().eventCounter());
    }
}
