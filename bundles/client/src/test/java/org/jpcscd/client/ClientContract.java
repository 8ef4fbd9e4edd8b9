package org.jpcscd.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jpcscd.api.Attribute;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.EventStateBits;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.client.testing.DaemonUnderTest;
import org.jpcscd.client.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client test suite, written against an abstract {@link DaemonUnderTest} so the very same
 * expectations run against pcsc-lite's pcscd and against jpcscd.
 */
abstract class ClientContract {
    private static final HexFormat HEX = HexFormat.of();

    private final List<Context> contexts = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    protected abstract DaemonUnderTest daemon();

    @BeforeEach
    void cardIsIn() throws Exception {
        daemon().insertCard();
        awaitCard(true);
    }

    @AfterEach
    void releaseAll() {
        contexts.forEach(Context::close);
        threads.shutdownNow();
    }

    private Context context() throws ScardException {
        Context ctx = PcscClient.forSocket(daemon().socket()).establishContext();
        contexts.add(ctx);
        return ctx;
    }

    private void awaitCard(boolean present) throws Exception {
        Context ctx = context();
        Waits.until(Duration.ofSeconds(10), "card " + (present ? "present" : "absent"), () -> {
            ReaderState rs = ReaderState.unaware(daemon().cardReader());
            ctx.getStatusChange(0, List.of(rs));
            return rs.has(present ? EventStateBits.PRESENT : EventStateBits.EMPTY) && (!present || rs.atr().length > 0);
        });
    }

    @Test
    void listsTheCardReader() throws Exception {
        assertTrue(context().listReaders().contains(daemon().cardReader()));
    }

    @Test
    void firstLookWithUnawareStateReportsThePresentCardAndItsAtr() throws Exception {
        ReaderState rs = ReaderState.unaware(daemon().cardReader());
        context().getStatusChange(0, List.of(rs));
        assertTrue(rs.changed(), rs.toString());
        assertTrue(rs.has(EventStateBits.PRESENT), rs.toString());
        assertFalse(rs.has(EventStateBits.EMPTY), rs.toString());
        assertTrue(EventStateBits.counter(rs.eventState()) > 0, "event counter in the high word: " + rs);
        assertArrayEquals(daemon().atr(), rs.atr());
    }

    @Test
    void knownStateTimesOut() throws Exception {
        Context ctx = context();
        ReaderState rs = ReaderState.unaware(daemon().cardReader());
        ctx.getStatusChange(0, List.of(rs));
        rs.acknowledge();
        long start = System.nanoTime();
        ScardException e = assertThrows(ScardException.class, () -> ctx.getStatusChange(300, List.of(rs)));
        assertEquals(ScardCode.E_TIMEOUT, e.code());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(290), "waited the timeout");
        assertFalse(rs.changed());
    }

    @Test
    void unknownReaderIsRefused() throws Exception {
        Context ctx = context();
        ScardException e = assertThrows(ScardException.class,
                () -> ctx.getStatusChange(0, List.of(ReaderState.unaware("No Such Reader 00 00"))));
        assertEquals(ScardCode.E_UNKNOWN_READER, e.code());
        // the context is still usable afterwards
        assertTrue(ctx.listReaders().contains(daemon().cardReader()));
    }

    @Test
    void cancelEndsABlockedWaitFromAnotherThread() throws Exception {
        Context ctx = context();
        ReaderState rs = ReaderState.unaware(daemon().cardReader());
        ctx.getStatusChange(0, List.of(rs));
        rs.acknowledge();
        Future<ScardCode> waiter = threads.submit(() -> {
            try {
                ctx.getStatusChange(-1, List.of(rs, ReaderState.pnp()));
                return ScardCode.S_SUCCESS;
            } catch (ScardException e) {
                return e.code();
            }
        });
        Waits.until(Duration.ofSeconds(5), "the wait to be cancelled", () -> {
            ctx.cancel();
            return waiter.isDone();
        });
        assertEquals(ScardCode.E_CANCELLED, waiter.get());
        assertTrue(ctx.listReaders().contains(daemon().cardReader()), "context usable after cancel");
    }

    @Test
    void interruptingTheWaitingThreadEndsTheWaitAsCancelled() throws Exception {
        Context ctx = context();
        ReaderState rs = ReaderState.unaware(daemon().cardReader());
        ctx.getStatusChange(0, List.of(rs));
        rs.acknowledge();
        CompletableFuture<ScardCode> result = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                ctx.getStatusChange(-1, List.of(rs));
                result.complete(ScardCode.S_SUCCESS);
            } catch (ScardException e) {
                result.complete(Thread.currentThread().isInterrupted() ? e.code() : ScardCode.F_UNKNOWN_ERROR);
            }
        });
        waiter.start();
        Waits.until(Duration.ofSeconds(5), "the interrupted wait to end", () -> {
            waiter.interrupt();
            return result.isDone();
        });
        assertEquals(ScardCode.E_CANCELLED, result.get(), "cancelled, interrupt flag kept");
        assertTrue(ctx.listReaders().contains(daemon().cardReader()), "context usable afterwards");
        rs.acknowledge();
        assertEquals(ScardCode.E_TIMEOUT, assertThrows(ScardException.class, () -> ctx.getStatusChange(50, List.of(rs))).code(),
                "the event registration was undone: nothing stale arrives");
    }

    @Test
    void connectNegotiatesT1AndTransmitEchoesShortAndExtendedApdus() throws Exception {
        CardHandle card = context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        assertEquals(Protocol.T1.mask(), card.activeProtocol());
        assertEquals("0102039000", HEX.formatHex(card.transmit(HEX.parseHex("80100000030102030" + "0"))));
        assertEquals("9000", HEX.formatHex(card.transmit(HEX.parseHex("00A40400"))));
        byte[] data = new byte[1000];
        Arrays.fill(data, (byte) 0x5A);
        byte[] extended = new byte[7 + data.length + 2];
        extended[1] = 0x10;
        extended[5] = (byte) (data.length >> 8);
        extended[6] = (byte) data.length;
        System.arraycopy(data, 0, extended, 7, data.length);
        byte[] response = card.transmit(extended);
        assertEquals(data.length + 2, response.length);
        assertArrayEquals(data, Arrays.copyOf(response, data.length));
        card.disconnect(Disposition.LEAVE);
    }

    @Test
    void tooSmallReceiveBufferGivesInsufficientBuffer() throws Exception {
        CardHandle card = context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        ScardException e = assertThrows(ScardException.class,
                () -> card.transmit(Protocol.T1.mask(), HEX.parseHex("801000000401020304" + "00"), 3));
        assertEquals(ScardCode.E_INSUFFICIENT_BUFFER, e.code());
        assertEquals("9000", HEX.formatHex(card.transmit(HEX.parseHex("00A40400"))), "handle still fine");
    }

    @Test
    void statusReportsStateProtocolAndAtr() throws Exception {
        CardHandle card = context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        ConnectionStatus status = card.status();
        assertEquals(daemon().cardReader(), status.readerName());
        assertTrue((status.cardState() & CardStateBits.PRESENT) != 0, status.toString());
        assertTrue((status.cardState() & CardStateBits.POWERED) != 0, status.toString());
        assertTrue(status.eventCounter() > 0, status.toString());
        assertEquals(Protocol.T1.mask(), status.protocol());
        assertArrayEquals(daemon().atr(), status.atr());
    }

    @Test
    void unknownAttributeGivesUnsupportedFeatureAndTheHandleCarriesOn() throws Exception {
        CardHandle card = context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        ScardException e = assertThrows(ScardException.class, () -> card.getAttrib(0x0007FFF0));
        assertEquals(ScardCode.E_UNSUPPORTED_FEATURE, e.code());
        ScardException tooBig = assertThrows(ScardException.class, () -> card.getAttrib(Attribute.ATR_STRING, 265));
        assertEquals(ScardCode.E_INSUFFICIENT_BUFFER, tooBig.code(), "refused locally, as libpcsclite does");
        assertEquals("9000", HEX.formatHex(card.transmit(HEX.parseHex("00A40400"))));
    }

    @Test
    void exclusiveConnectionKeepsOthersOut() throws Exception {
        CardHandle exclusive = context().connect(daemon().cardReader(), ShareMode.EXCLUSIVE, Protocol.ANY_MASK);
        ScardException e = assertThrows(ScardException.class,
                () -> context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK));
        assertEquals(ScardCode.E_SHARING_VIOLATION, e.code());
        exclusive.disconnect(Disposition.LEAVE);
        context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK).disconnect(Disposition.LEAVE);
    }

    @Test
    void transactionMakesOtherClientsWait() throws Exception {
        CardHandle a = context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        CardHandle b = context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        a.beginTransaction();
        Future<?> bBegins = threads.submit(() -> {
            b.beginTransaction();
            return null;
        });
        assertThrows(TimeoutException.class, () -> bBegins.get(400, TimeUnit.MILLISECONDS),
                "B's transaction must wait while A holds one");
        assertEquals("9000", HEX.formatHex(a.transmit(HEX.parseHex("00A40400"))));
        a.endTransaction(Disposition.LEAVE);
        bBegins.get(5, TimeUnit.SECONDS);
        b.endTransaction(Disposition.LEAVE);
        ScardException notInOne = assertThrows(ScardException.class, () -> b.endTransaction(Disposition.LEAVE));
        assertEquals(ScardCode.E_NOT_TRANSACTED, notInOne.code());
    }

    @Test
    void resetByOneHandleIsReportedToTheOtherUntilItReconnects() throws Exception {
        CardHandle a = context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        CardHandle b = context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        a.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.RESET);
        assertEquals("9000", HEX.formatHex(a.transmit(HEX.parseHex("00A40400"))));
        ScardException e = assertThrows(ScardException.class, () -> b.transmit(HEX.parseHex("00A40400")));
        assertEquals(ScardCode.W_RESET_CARD, e.code());
        b.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.LEAVE);
        assertEquals("9000", HEX.formatHex(b.transmit(HEX.parseHex("00A40400"))));
    }

    @Test
    void cardRemovalWakesAWaiterAndInvalidatesHandlesUntilReinserted() throws Exception {
        Context ctx = context();
        CardHandle card = context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        ReaderState rs = ReaderState.unaware(daemon().cardReader());
        ctx.getStatusChange(0, List.of(rs));
        rs.acknowledge();
        // acknowledge() dropped CHANGED only; wait for removal.
        CompletableFuture<Void> removed = CompletableFuture.runAsync(() -> {
            try {
                do {
                    ctx.getStatusChange(10_000, List.of(rs));
                    rs.acknowledge();
                } while (!rs.has(EventStateBits.EMPTY));
            } catch (ScardException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        daemon().removeCard();
        removed.get(10, TimeUnit.SECONDS);
        assertTrue(rs.has(EventStateBits.EMPTY));
        assertEquals(0, rs.atr().length);

        ScardException gone = assertThrows(ScardException.class, () -> card.transmit(HEX.parseHex("00A40400")));
        assertEquals(ScardCode.W_REMOVED_CARD, gone.code());
        ScardException noCard = assertThrows(ScardException.class,
                () -> context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK));
        assertEquals(ScardCode.E_NO_SMARTCARD, noCard.code());

        daemon().insertCard();
        do {
            ctx.getStatusChange(10_000, List.of(rs));
            rs.acknowledge();
        } while (!rs.has(EventStateBits.PRESENT));
        card.reconnect(ShareMode.SHARED, Protocol.ANY_MASK, Disposition.LEAVE);
        assertEquals("9000", HEX.formatHex(card.transmit(HEX.parseHex("00A40400"))));
        card.disconnect(Disposition.LEAVE);
    }

    @Test
    void disconnectedHandleIsRefusedWithoutHurtingTheContext() throws Exception {
        Context ctx = context();
        CardHandle card = ctx.connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        card.disconnect(Disposition.LEAVE);
        ScardException e = assertThrows(ScardException.class, () -> card.transmit(HEX.parseHex("00A40400")));
        assertEquals(ScardCode.E_INVALID_HANDLE, e.code());
        assertTrue(ctx.isValid());
        assertTrue(ctx.listReaders().contains(daemon().cardReader()));
    }

    @Test
    void releasedContextIsRefused() throws Exception {
        Context ctx = context();
        ctx.release();
        assertFalse(ctx.isValid());
        assertEquals(ScardCode.E_INVALID_HANDLE, assertThrows(ScardException.class, ctx::listReaders).code());
        assertEquals(ScardCode.E_INVALID_HANDLE, assertThrows(ScardException.class, ctx::release).code());
    }

    @Test
    void oneContextSharedByManyThreadsKeepsEveryExchangeApart() throws Exception {
        CardHandle card = context().connect(daemon().cardReader(), ShareMode.SHARED, Protocol.ANY_MASK);
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            byte tag = (byte) t;
            jobs.add(threads.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    byte[] apdu = {(byte) 0x80, 0x10, 0, 0, 2, tag, (byte) i, 0};
                    byte[] response = card.transmit(apdu);
                    assertArrayEquals(new byte[] {tag, (byte) i, (byte) 0x90, 0}, response);
                }
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get(30, TimeUnit.SECONDS);
        }
    }
}
