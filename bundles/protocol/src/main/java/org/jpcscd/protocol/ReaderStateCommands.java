package org.jpcscd.protocol;

import java.io.IOException;
import org.jpcscd.api.ScardCode;
import org.jpcscd.wire.SignalStruct;
import org.jpcscd.wire.Wire;

/**
 * The reader-state commands: the client computes SCardListReaders, SCardStatus and
 * SCardGetStatusChange itself from the array these return. Which of them a connection may use
 * depends on the protocol minor it announced.
 */
final class ReaderStateCommands {
    private final ClientSession session;
    /** Protocol 4.6: the size last told by GET_READERS_STATE_SIZE, so the ARRAY that follows matches it. */
    private int toldArraySize = Wire.MAX_READERS_CONTEXTS;

    ReaderStateCommands(ClientSession session) {
        this.session = session;
    }

    void readersState() throws IOException {
        session.send(states().fixedArray());
    }

    /**
     * WAIT registers for the next change. Up to 4.5 the fixed array goes out under the same lock as
     * the registration, so no change can fall between the two; 4.6 clients fetch the array themselves
     * and get any signal only after it.
     */
    void waitForChange() throws IOException {
        ReaderStates states = states();
        if (session.minor() >= Wire.PROTOCOL_MINOR_2_5) {
            long generation = states.generation();
            session.events().register(generation, true, () -> { });
        } else {
            long generation = states.generation();
            byte[] dump = states.fixedArray();
            session.events().register(generation, false, () -> session.send(dump));
        }
    }

    void stopWaiting() throws IOException {
        session.events().stop();
    }

    void readerEvents() throws IOException {
        requireMinor(Wire.PROTOCOL_MINOR_2_3, "GET_READER_EVENTS");
        int counter = session.services().readerEvents().value();
        session.send(new SignalStruct(counter, ScardCode.S_SUCCESS.value()).toBytes());
    }

    void readersStateSize() throws IOException {
        requireMinor(Wire.PROTOCOL_MINOR_2_5, "GET_READERS_STATE_SIZE");
        toldArraySize = states().arraySize();
        byte[] size = new byte[4];
        Wire.allocate(4).putInt(toldArraySize).flip().get(size);
        session.send(size);
    }

    void readersStateArray() throws IOException {
        requireMinor(Wire.PROTOCOL_MINOR_2_5, "GET_READERS_STATE_ARRAY");
        session.send(states().array(toldArraySize));
        session.events().releaseHeldSignal();
    }

    /** A command of a newer protocol than the client announced is unknown to it: pcscd closes. */
    private void requireMinor(int minor, String command) throws ConnectionClosing {
        if (session.minor() < minor) {
            throw new ConnectionClosing("unknown command " + command + " for protocol 4." + session.minor());
        }
    }

    private ReaderStates states() {
        return session.services().readerStates();
    }
}
