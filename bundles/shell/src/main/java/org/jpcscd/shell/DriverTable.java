package org.jpcscd.shell;

import java.util.List;
import org.jpcscd.shell.DriverDiscovery.DriverRow;

/** The text of {@code pcsc:drivers}: one line per driver, then one per extra reader. */
final class DriverTable {
    static final String NO_DRIVERS = "no reader drivers";

    private DriverTable() {
    }

    static String format(List<DriverRow> drivers) {
        if (drivers.isEmpty()) {
            return NO_DRIVERS;
        }
        TextTable table = new TextTable("ID", "DRIVER", "VERSION", "STATE", "READERS");
        for (DriverRow driver : drivers) {
            DriverBundle bundle = driver.bundle();
            List<String> readers = driver.readers();
            table.row(Long.toString(bundle.id()), bundle.symbolicName(), bundle.version(), bundle.state(),
                    readers.isEmpty() ? "none" : readers.get(0));
            for (String reader : readers.subList(Math.min(1, readers.size()), readers.size())) {
                table.row("", "", "", "", reader);
            }
        }
        return table.toString();
    }
}
