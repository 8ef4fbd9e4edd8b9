package org.jpcscd.shell;

import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.rm.ReaderStatus;

/** The text of {@code pcsc:readers}. */
final class ReaderTable {
    static final String NO_READERS = "no readers";

    /** pcscd names a reader "<name> <instance> <slot>", both two hex digits. */
    private static final Pattern SLOT_SUFFIX = Pattern.compile(" [0-9A-Fa-f]{2} ([0-9A-Fa-f]{2})$");
    private static final HexFormat ATR_HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private ReaderTable() {
    }

    static String format(List<ReaderStatus> readers) {
        if (readers.isEmpty()) {
            return NO_READERS;
        }
        TextTable table = new TextTable("#", "READER", "DRIVER", "SLOT", "CARD", "STATE", "PROTOCOL", "USE", "ATR");
        for (ReaderStatus reader : readers) {
            table.row(
                    Integer.toString(reader.index()),
                    reader.name(),
                    reader.driver(),
                    slot(reader.name()),
                    reader.cardPresent() ? "yes" : "no",
                    state(reader),
                    reader.protocol() == null ? "-" : reader.protocol().name().replace("T", "T="),
                    use(reader.sharing()),
                    reader.atr().length == 0 ? "-" : ATR_HEX.formatHex(reader.atr()));
        }
        return table.toString();
    }

    static String slot(String readerName) {
        Matcher matcher = SLOT_SUFFIX.matcher(readerName);
        return matcher.find() ? Integer.toString(Integer.parseInt(matcher.group(1), 16)) : "?";
    }

    private static String state(ReaderStatus reader) {
        return reader.initialising() ? "initialising" : CardStateBits.describe(reader.cardState());
    }

    private static String use(int sharing) {
        if (sharing < 0) {
            return "exclusive";
        }
        return sharing == 0 ? "free" : sharing + " shared";
    }
}
