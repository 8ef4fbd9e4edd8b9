package org.jpcscd.ifd.virtual;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a virtual reader from what a person types: its index ("0"), or its PC/SC name
 * ("jpcscd Virtual Reader 01 00").
 *
 * <p>The PC/SC name's first number is the instance number the core gives the readers of one driver,
 * in the order they appear, taking the first free one (as pcscd does per driver library). This driver
 * publishes its readers in index order and only adds or removes them at the end, so instance number
 * and index agree.
 */
final class ReaderNames {
    private static final Pattern PCSC_SUFFIX = Pattern.compile(" ([0-9A-Fa-f]{2}) ([0-9A-Fa-f]{2})$");

    private ReaderNames() {
    }

    /** The index of the reader meant by {@code argument}, or empty when none of {@code readers} fits. */
    static OptionalInt find(String argument, String friendlyName, int readerCount) {
        String text = argument.trim();
        if (text.matches("\\d{1,4}")) {
            return inRange(Integer.parseInt(text), readerCount);
        }
        Matcher suffix = PCSC_SUFFIX.matcher(text);
        if (suffix.find() && text.substring(0, suffix.start()).equals(friendlyName)
                && Integer.parseInt(suffix.group(2), 16) == 0) {
            return inRange(Integer.parseInt(suffix.group(1), 16), readerCount);
        }
        if (text.equals(friendlyName) && readerCount == 1) {
            return OptionalInt.of(0);
        }
        return OptionalInt.empty();
    }

    /** "jpcscd Virtual Reader 01 00": the name the core will most likely give reader {@code index}. */
    static String pcscName(String friendlyName, int index) {
        return String.format("%s %02X 00", friendlyName, index);
    }

    private static OptionalInt inRange(int index, int readerCount) {
        return index < readerCount ? OptionalInt.of(index) : OptionalInt.empty();
    }
}
