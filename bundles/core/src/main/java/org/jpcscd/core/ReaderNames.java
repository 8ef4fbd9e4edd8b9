package org.jpcscd.core;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** pcscd's reader naming (readerfactory.c): "<base> II SS", base cut to 121 bytes. */
final class ReaderNames {
    /** MAX_READERNAME (128 with the NUL) minus " XX YY" and the NUL. */
    static final int MAX_BASE_BYTES = 121;

    private ReaderNames() {
    }

    /** The base name cut to at most 121 UTF-8 bytes without splitting a character. */
    static String truncateBase(String base) {
        String name = base == null ? "" : base;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BASE_BYTES) {
            return name;
        }
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > MAX_BASE_BYTES) {
                break;
            }
            bytes += len;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

    /** The lowest instance index not in {@code used}. */
    static int lowestFreeInstance(Collection<Integer> used) {
        int instance = 0;
        while (used.contains(instance)) {
            instance++;
        }
        return instance;
    }

    static String slotName(String truncatedBase, int instance, int slot) {
        return String.format("%s %02X %02X", truncatedBase, instance & 0xFF, slot & 0xFF);
    }
}
