package org.jpcscd.client.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A running PC/SC daemon the client test suite talks to — pcsc-lite's pcscd or jpcscd — with one
 * reader whose card the test can take out and put back.
 */
public interface DaemonUnderTest extends AutoCloseable {
    /** The daemon's socket. */
    Path socket();

    /** The reader holding the test's echo card (case-4 APDUs come back as data + 90 00). */
    String cardReader();

    /** The echo card's ATR. */
    byte[] atr();

    /** Takes the card out of {@link #cardReader()}. */
    void removeCard() throws IOException;

    /** Puts it back. */
    void insertCard() throws IOException;

    /** Stops the daemon and starts it again on the same socket, card inserted; returns once it serves. */
    void restart() throws Exception;

    /** A short name for test reports. */
    String name();

    @Override
    void close() throws IOException;
}
