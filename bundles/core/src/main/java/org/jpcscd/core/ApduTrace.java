package org.jpcscd.core;

import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jpcscd.api.rm.ApduTracing;

/**
 * Which readers have APDU tracing on, and the trace lines for them. Nothing is formatted, let alone
 * logged, for a reader that is not traced: APDUs carry PINs.
 */
final class ApduTrace {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Set<String> readers = ConcurrentHashMap.newKeySet();
    private final Consumer<String> sink;

    /** @param sink where trace lines go (the core's APDU logger; a list in tests) */
    ApduTrace(Consumer<String> sink) {
        this.sink = sink;
    }

    void start(String reader) {
        readers.add(reader);
    }

    void stop(String reader) {
        if (ApduTracing.ALL_READERS.equals(reader)) {
            readers.clear();
        } else {
            readers.remove(reader);
        }
    }

    Set<String> traced() {
        return new TreeSet<>(readers);
    }

    boolean isOn(String reader) {
        return !readers.isEmpty() && (readers.contains(reader) || readers.contains(ApduTracing.ALL_READERS));
    }

    /** One line for the command and one for the response, when the reader is traced. */
    void exchange(String reader, byte[] command, byte[] response) {
        if (isOn(reader)) {
            sink.accept("APDU " + reader + " > " + HEX.formatHex(command));
            sink.accept("APDU " + reader + " < " + HEX.formatHex(response));
        }
    }
}
