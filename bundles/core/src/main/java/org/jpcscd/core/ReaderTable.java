package org.jpcscd.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.rm.ReaderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pcscd's reader-state array: which slot sits at which index, under which name. Its own monitor
 * guards only this bookkeeping; it never calls a driver and never takes a reader's lock while held.
 */
final class ReaderTable {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderTable.class);

    /** Builds the slot object for a table entry. */
    interface SlotFactory {
        ReaderSlot create(ReaderUnit unit, IfdSlot ifd, int index, String name, DriverGate gate);
    }

    private final TreeMap<Integer, ReaderSlot> entries = new TreeMap<>();
    private final Map<IfdReader, ReaderUnit> units = new IdentityHashMap<>();

    /**
     * Adds a reader: an instance index free among readers of the same driver (pcscd counts per
     * driver library, whatever the reader's name), and one entry per slot at the first free indexes. Returns null when no entry is free.
     */
    synchronized ReaderUnit add(IfdReader driver, String driverName, String friendlyName,
            List<? extends IfdSlot> slots, boolean independentSlots, int maxEntries, SlotFactory factory) {
        if (units.containsKey(driver)) {
            return null;
        }
        String base = ReaderNames.truncateBase(friendlyName);
        List<Integer> used = new ArrayList<>();
        for (ReaderUnit other : units.values()) {
            if (other.driverName.equals(driverName)) {
                used.add(other.instance);
            }
        }
        ReaderUnit unit = new ReaderUnit(driver, driverName, ReaderNames.lowestFreeInstance(used));
        DriverGate shared = new DriverGate();
        for (int s = 0; s < slots.size(); s++) {
            int index = firstFreeIndex(maxEntries);
            if (index < 0) {
                LOG.warn("No free reader entry for slot {} of {} (limit {})", s, base, maxEntries);
                break;
            }
            String name = ReaderNames.slotName(base, unit.instance, s);
            ReaderSlot slot = factory.create(unit, slots.get(s), index, name,
                    independentSlots ? new DriverGate() : shared);
            unit.addSlot(slot);
            entries.put(index, slot);
        }
        if (unit.slots().isEmpty()) {
            return null;
        }
        units.put(driver, unit);
        return unit;
    }

    private int firstFreeIndex(int maxEntries) {
        for (int i = 0; i < maxEntries; i++) {
            if (!entries.containsKey(i)) {
                return i;
            }
        }
        return -1;
    }

    synchronized ReaderUnit remove(IfdReader driver) {
        ReaderUnit unit = units.remove(driver);
        if (unit != null) {
            for (ReaderSlot slot : unit.slots()) {
                entries.remove(slot.index, slot);
            }
        }
        return unit;
    }

    /** Exact match, as pcscd's strcmp. */
    synchronized ReaderSlot byName(String name) {
        if (name == null) {
            return null;
        }
        for (ReaderSlot slot : entries.values()) {
            if (slot.name.equals(name)) {
                return slot;
            }
        }
        return null;
    }

    synchronized List<ReaderSlot> slots() {
        return new ArrayList<>(entries.values());
    }

    synchronized List<ReaderUnit> units() {
        return new ArrayList<>(units.values());
    }

    /** The entries in index order; reads each slot's state under its reader's (short) lock. */
    List<ReaderStatus> snapshot() {
        List<ReaderStatus> out = new ArrayList<>();
        for (ReaderSlot slot : slots()) {
            out.add(slot.snapshot());
        }
        return out;
    }
}
