package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jpcscd.api.ScardCode;
import org.jpcscd.wire.Command;
import org.jpcscd.wire.EstablishStruct;
import org.jpcscd.wire.HandleStruct;
import org.jpcscd.wire.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input and misuse: each closes or answers only the offending connection, as pcscd does, with one
 * log line naming the peer's pid and uid; the daemon and every other client carry on.
 */
class WireMisuseIT {
    static final int MAX_CONNECTIONS = 12;
    static Daemon daemon;
    static String me = "pid " + ProcessHandle.current().pid() + " uid ";

    @BeforeAll
    static void start() throws IOException {
        daemon = Daemon.start("misuse", "--set", "org.jpcscd.protocol:max.connections=" + MAX_CONNECTIONS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        daemon.close();
    }

    /** The daemon still serves a fresh client completely. */
    static void daemonCarriesOn() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            assertEquals(0, c.status(card).rv());
            assertEquals(0, c.disconnect(card, 0).rv());
        }
    }

    static byte[] header(int size, int command) {
        return Wire.allocate(8).putInt(size).putInt(command).array();
    }

    /** Sends bytes that are not a valid message and expects the connection closed, with a log line. */
    static void expectClosed(byte[] bytes, String logged) throws IOException {
        int before = countLines(daemon.logText(), me);
        try (RawClient c = new RawClient(daemon.socket)) {
            c.sendRaw(bytes);
            assertTrue(c.closedWithoutReply(RawClient.READ_TIMEOUT), "connection closed");
        }
        daemon.awaitLog(logged, Duration.ofSeconds(5));
        Deadline.await(Duration.ofSeconds(5), () -> countLines(daemon.logText(), me) == before + 1,
                () -> "expected exactly one new log line naming " + me + ":\n" + daemon.logText());
        daemonCarriesOn();
    }

    static int countLines(String text, String needle) {
        return (int) text.lines().filter(l -> l.contains(needle)).count();
    }

    @Test
    void unknownCommandsCloseTheConnection() throws IOException {
        expectClosed(header(0, 0x99), "unknown command 0x00000099");
        expectClosed(header(0, 0x00), "unknown command 0x00000000");
        expectClosed(header(0, 0x03), "unknown command 0x00000003");
        expectClosed(header(0, 0x0C), "unknown command 0x0000000C");
    }

    @Test
    void commandsOfANewerProtocolAreUnknownToAFourFourConnection() throws IOException {
        expectClosed(header(0, Command.GET_READER_EVENTS.code()), "GET_READER_EVENTS for protocol 4.4");
        expectClosed(header(0, Command.GET_READERS_STATE_SIZE.code()), "GET_READERS_STATE_SIZE for protocol 4.4");
    }

    @Test
    void aStructLengthThatDoesNotMatchTheCommandClosesTheConnection() throws IOException {
        ByteBuffer message = Wire.allocate(8 + 13).putInt(13).putInt(Command.ESTABLISH_CONTEXT.code());
        expectClosed(message.array(), "wrong length for ESTABLISH_CONTEXT: header says 13");
        // A TRANSMIT whose header counts the APDU, as a naive client might send it.
        ByteBuffer transmit = Wire.allocate(8 + 37).putInt(37).putInt(Command.TRANSMIT.code());
        expectClosed(transmit.array(), "wrong length for TRANSMIT: header says 37");
    }

    @ParameterizedTest
    @EnumSource(value = Command.class, mode = EnumSource.Mode.EXCLUDE,
            names = {"GET_READERS_STATE", "WAIT_READER_STATE_CHANGE", "STOP_WAITING_READER_STATE_CHANGE",
                "GET_READER_EVENTS", "GET_READERS_STATE_SIZE", "GET_READERS_STATE_ARRAY"})
    void everyCommandWithAStructRefusesAnyOtherLength(Command command) throws IOException {
        for (int size : new int[] {command.structSize() - 4, command.structSize() + 4}) {
            ByteBuffer message = Wire.allocate(8 + size).putInt(size).putInt(command.code());
            expectClosed(message.array(), "wrong length for " + command + ": header says " + size);
        }
    }

    @Test
    void garbageClosesTheConnection() throws IOException {
        byte[] garbage = new byte[64];
        new Random(42).nextBytes(garbage);
        garbage[4] = 0x7F; // make sure the command code is not a valid one
        expectClosed(garbage, "unknown command");
    }

    @Test
    void aShortHeaderThenEndOfStreamCostsNothing() throws IOException {
        try (RawClient c = new RawClient(daemon.socket)) {
            c.sendRaw(new byte[] {12, 0, 0});
        }
        daemon.awaitLog("ended in the middle of a message", Duration.ofSeconds(5));
        daemonCarriesOn();
    }

    @Test
    void aClientThatStopsInTheMiddleOfAMessageIsDisconnectedButAnIdleOneStays() throws IOException {
        try (RawClient idle = RawClient.established(daemon.socket); RawClient stalled = new RawClient(daemon.socket)) {
            stalled.sendRaw(header(12, Command.VERSION.code()));
            stalled.sendRaw(new byte[] {4, 0, 0, 0});
            long start = System.nanoTime();
            assertTrue(stalled.closedWithoutReply(Daemon.PARTIAL_MESSAGE_TIMEOUT.multipliedBy(5)));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Daemon.PARTIAL_MESSAGE_TIMEOUT.dividedBy(2)) > 0,
                    "the stalled client got its partial-message timeout");
            daemon.awaitLog("stopped sending in the middle of a message", Duration.ofSeconds(5));
            // The idle connection, quiet for longer than that timeout, is still served.
            assertEquals(0, idle.release(idle.context()).rv());
        }
    }

    @Test
    void aHandleFromAnotherConnectionNeverReachesTheCardAndCostsTheConnection() throws IOException {
        try (RawClient owner = RawClient.established(daemon.socket); RawClient thief = RawClient.established(daemon.socket)) {
            int card = owner.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            assertEquals(0, owner.begin(card).rv());
            long start = System.nanoTime();
            thief.send(Command.END_TRANSACTION, new org.jpcscd.wire.DisconnectStruct(card, 1, 0));
            assertTrue(thief.closedWithoutReply(RawClient.READ_TIMEOUT), "no reply, closed");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Daemon.FOREIGN_HANDLE_DELAY) >= 0, "closed only after the delay, took " + took);
            daemon.awaitLog(String.format("card handle 0x%08X is not one of this connection's", card), Duration.ofSeconds(5));
            // The owner's transaction and card were untouched: no reset, still its transaction.
            assertEquals(0, owner.status(card).rv());
            assertEquals(0, owner.end(card, 0).rv());
            assertEquals(0, owner.disconnect(card, 0).rv());
        }
    }

    @Test
    void aTransmitOnAForeignHandleIsDroppedWithItsApduUnread() throws IOException {
        try (RawClient owner = RawClient.established(daemon.socket); RawClient thief = RawClient.established(daemon.socket)) {
            int card = owner.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            thief.send(Command.TRANSMIT, new org.jpcscd.wire.TransmitStruct(card, 2, 16, 5, 3, 16, 258, 0),
                    new byte[] {0, (byte) 0xA4, 4, 0, 0});
            // The daemon leaves the APDU unread, as pcscd does; whether the client then sees a reset or
            // an end of stream depends on the kernel's timing, so either counts.
            assertTrue(thief.closedWithoutReply(RawClient.READ_TIMEOUT));
            assertEquals(0, owner.status(card).rv());
            owner.disconnect(card, 0);
        }
    }

    @Test
    void aCardCommandAfterReleaseClosesAtOnce() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket)) {
            int card = c.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            assertEquals(0, c.release(c.context()).rv());
            assertEquals(0, RawClient.entry(c.readersState(), Daemon.READER).sharing(), "release disconnected the handle");
            long start = System.nanoTime();
            c.send(Command.STATUS, new HandleStruct(card, 0));
            assertTrue(c.closedWithoutReply(RawClient.READ_TIMEOUT));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Daemon.FOREIGN_HANDLE_DELAY) < 0,
                    "no foreign-handle delay for a released context");
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnceAndServedAgainLater() throws IOException {
        List<RawClient> held = new ArrayList<>();
        try {
            while (held.size() < MAX_CONNECTIONS) {
                RawClient c = new RawClient(daemon.socket);
                held.add(c);
                assertEquals(0, c.version(4, 4).rv());
            }
            try (RawClient refused = new RawClient(daemon.socket)) {
                assertTrue(refused.closedWithoutReply(RawClient.READ_TIMEOUT));
            }
        } finally {
            for (RawClient c : held) {
                c.close();
            }
        }
        Deadline.await(Duration.ofSeconds(5), () -> {
            try (RawClient c = new RawClient(daemon.socket)) {
                return c.version(4, 4).rv() == 0;
            } catch (IOException e) {
                return false;
            }
        }, () -> "never served again after the limit");
    }

    @Test
    void aClientDyingInsideItsTransactionLetsTheWaitingClientIn() throws IOException {
        try (RawClient waiter = RawClient.established(daemon.socket)) {
            int waiting = waiter.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            RawClient dying = RawClient.established(daemon.socket);
            int held = dying.connect(Daemon.READER, RawClient.SHARE_SHARED, RawClient.T0_T1).handle();
            assertEquals(0, dying.begin(held).rv());
            assertEquals(ScardCode.E_SHARING_VIOLATION.value(), waiter.begin(waiting).rv());
            dying.close();
            // The client library's loop: BEGIN again until it gets in.
            long start = System.nanoTime();
            int rv;
            do {
                rv = waiter.begin(waiting).rv();
            } while (rv == ScardCode.E_SHARING_VIOLATION.value() && System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
            // pcscd resets the card a dying transaction holder leaves behind (and may let the waiter in
            // before the reset flag is set, so both answers are pcscd's).
            if (rv == ScardCode.W_RESET_CARD.value()) {
                assertEquals(0, waiter.reconnect(waiting, RawClient.SHARE_SHARED, RawClient.T0_T1, 0).rv());
                rv = waiter.begin(waiting).rv();
            }
            assertEquals(0, rv);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
            assertEquals(0, waiter.end(waiting, 0).rv());
            waiter.disconnect(waiting, 0);
        }
    }

    @Test
    void cancelWithoutAWaitIsInvalidHandle() throws IOException {
        try (RawClient c = RawClient.established(daemon.socket); RawClient canceller = new RawClient(daemon.socket)) {
            canceller.send(Command.CANCEL, new HandleStruct(c.context(), 0));
            HandleStruct reply = HandleStruct.read(canceller.readBuffer(8));
            assertEquals(c.context(), reply.handle());
            assertEquals(ScardCode.E_INVALID_HANDLE.value(), reply.rv());
        }
    }

    @Test
    void establishOfAnUnknownScopeLeavesTheConnectionUsable() throws IOException {
        try (RawClient c = new RawClient(daemon.socket)) {
            c.send(Command.ESTABLISH_CONTEXT, new EstablishStruct(99, 0, 0));
            assertEquals(ScardCode.E_INVALID_VALUE.value(), EstablishStruct.read(c.readBuffer(12)).rv());
            assertEquals(0, c.establish(0).rv());
        }
    }
}
