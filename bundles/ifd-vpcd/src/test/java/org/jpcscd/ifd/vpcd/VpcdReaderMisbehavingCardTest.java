package org.jpcscd.ifd.vpcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Card processes that break the protocol: the reader fails that exchange the PC/SC way and carries on. */
class VpcdReaderMisbehavingCardTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** For the tests that wait for a silent card; the others give cards time even on a loaded machine. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(400);
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ATR = HEX.parseHex("3B80800101");
    private static final byte[] APDU = HEX.parseHex("00A4040002AABB00");

    private VpcdReader reader;
    private VpcdSlot slot;
    private final SlotEvents events = new SlotEvents();

    @BeforeEach
    void startReader() throws Exception {
        startReader(Duration.ofSeconds(30));
    }

    private void startReader(Duration responseTimeout) throws Exception {
        if (reader != null) {
            reader.close();
        }
        reader = new VpcdReader(new VpcdSettings(InetAddress.getLoopbackAddress(), 0, 2, responseTimeout));
        reader.setCardEventListener(events);
        slot = reader.slots().get(0);
    }

    @AfterEach
    void stopReader() {
        reader.close();
    }

    private FakeCard insert() throws Exception {
        FakeCard card = new FakeCard(reader.address(0));
        events.awaitPresence(slot, true, WAIT);
        return card;
    }

    @Test
    void aCardThatHangsUpMidAnswerIsNotPresent() throws Exception {
        try (FakeCard card = insert()) {
            CompletableFuture<byte[]> transmit = CompletableFuture.supplyAsync(() -> transmit(APDU));
            assertArrayEquals(APDU, card.readFrame());
            // announce 10 bytes, deliver 3, hang up
            card.sendRaw(HEX.parseHex("000A" + "AABB90"));
            card.close();
            IfdException e = failure(transmit);
            assertEquals(IfdResponseCode.ICC_NOT_PRESENT, e.code());
            events.awaitPresence(slot, false, WAIT);
        }
    }

    @Test
    void theSlotKeepsTakingCardsAfterManyHangUpsDuringExchanges() throws Exception {
        // each hang-up is seen first by the exchange, which drops the card; the watcher, woken by the
        // same bytes, must then report the removal and take the next card, round after round
        for (int round = 0; round < 30; round++) {
            try (FakeCard card = insert()) {
                CompletableFuture<byte[]> transmit = CompletableFuture.supplyAsync(() -> transmit(APDU));
                assertArrayEquals(APDU, card.serveUntilApdu(ATR));
                card.sendRaw(HEX.parseHex("000A" + "AABB"));
                card.close();
                assertEquals(IfdResponseCode.ICC_NOT_PRESENT, failure(transmit).code(), "round " + round);
            }
            events.awaitPresence(slot, false, WAIT);
        }
    }

    @Test
    void aSilentCardTimesOutAndIsDropped() throws Exception {
        startReader(SHORT_TIMEOUT);
        try (FakeCard card = insert()) {
            long start = System.nanoTime();
            CompletableFuture<byte[]> transmit = CompletableFuture.supplyAsync(() -> transmit(APDU));
            assertArrayEquals(APDU, card.readFrame());
            IfdException e = failure(transmit);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(IfdResponseCode.RESPONSE_TIMEOUT, e.code());
            assertTrue(elapsedMs >= SHORT_TIMEOUT.toMillis(), "gave up after " + elapsedMs + " ms");
            assertTrue(card.closedByReader(WAIT), "the reader hangs up on a card it can no longer trust");
            events.awaitPresence(slot, false, WAIT);
        }
    }

    @Test
    void aSilentAtrRequestTimesOutToo() throws Exception {
        startReader(SHORT_TIMEOUT);
        try (FakeCard card = insert()) {
            CompletableFuture<byte[]> powerUp = CompletableFuture.supplyAsync(() -> {
                try {
                    return slot.powerUp();
                } catch (IfdException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertArrayEquals(new byte[] {VpcdFrames.POWER_ON}, card.readFrame());
            assertArrayEquals(new byte[] {VpcdFrames.ATR_REQUEST}, card.readFrame());
            assertEquals(IfdResponseCode.RESPONSE_TIMEOUT, failure(powerUp).code());
        }
    }

    @Test
    void answersTooShortForAStatusWordFailTheExchangeButKeepTheCard() throws Exception {
        try (FakeCard card = insert()) {
            for (String garbage : new String[] {"0000", "000190"}) {
                CompletableFuture<byte[]> transmit = CompletableFuture.supplyAsync(() -> transmit(APDU));
                assertArrayEquals(APDU, card.serveUntilApdu(ATR));
                card.sendRaw(HEX.parseHex(garbage));
                assertEquals(IfdResponseCode.COMMUNICATION_ERROR, failure(transmit).code(), garbage);
            }
            // still in step: the next exchange works
            CompletableFuture<byte[]> transmit = CompletableFuture.supplyAsync(() -> transmit(APDU));
            assertArrayEquals(APDU, card.serveUntilApdu(ATR));
            card.sendFrame(HEX.parseHex("9000"));
            assertEquals("9000", HEX.formatHex(transmit.get(10, TimeUnit.SECONDS)));
            assertTrue(slot.isCardPresent());
        }
    }

    @Test
    void anAtrLongerThanIso7816AllowsFailsThePowerUp() throws Exception {
        try (FakeCard card = insert()) {
            CompletableFuture<byte[]> powerUp = CompletableFuture.supplyAsync(() -> {
                try {
                    return slot.powerUp();
                } catch (IfdException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertArrayEquals(new byte[] {VpcdFrames.POWER_ON}, card.readFrame());
            assertArrayEquals(new byte[] {VpcdFrames.ATR_REQUEST}, card.readFrame());
            card.sendFrame(new byte[40]);
            assertEquals(IfdResponseCode.ERROR_POWER_ACTION, failure(powerUp).code());
        }
    }

    @Test
    void twoFramesForOneQuestionPutTheCardOutOfStep() throws Exception {
        try (FakeCard card = insert()) {
            CompletableFuture<byte[]> transmit = CompletableFuture.supplyAsync(() -> transmit(APDU));
            assertArrayEquals(APDU, card.readFrame());
            card.sendRaw(HEX.parseHex("00029000" + "00029000"));
            // either both frames arrive in one read (out of step) or the second arrives while idle
            // (talking out of turn): in both cases the card must end up dropped
            transmit.handle((ok, error) -> null).get(10, TimeUnit.SECONDS);
            assertTrue(card.closedByReader(WAIT));
            events.awaitPresence(slot, false, WAIT);
        }
    }

    @Test
    void aCardTalkingOutOfTurnWhileIdleIsDropped() throws Exception {
        try (FakeCard card = insert()) {
            card.sendFrame(HEX.parseHex("9000"));
            events.awaitPresence(slot, false, WAIT);
            assertTrue(card.closedByReader(WAIT));
        }
    }

    @Test
    void aOneByteCommandNeverReachesTheCardAsAControlMessage() throws Exception {
        try (FakeCard card = insert()) {
            IfdException e = assertThrows(IfdException.class, () -> slot.transmit(Protocol.T1, new byte[] {0x00}));
            assertEquals(IfdResponseCode.COMMUNICATION_ERROR, e.code());
            CompletableFuture<byte[]> transmit = CompletableFuture.supplyAsync(() -> transmit(APDU));
            assertArrayEquals(APDU, card.readFrame(), "the first frame the card sees is the real APDU");
            card.sendFrame(HEX.parseHex("9000"));
            assertEquals("9000", HEX.formatHex(transmit.get(10, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aSilentCardInOneSlotDoesNotHoldUpTheOtherSlot() throws Exception {
        VpcdSlot other = reader.slots().get(1);
        try (FakeCard slow = insert(); EchoCard echo = EchoCard.start(reader.address(1).getPort())) {
            events.awaitPresence(other, true, WAIT);
            other.powerUp();
            CompletableFuture<byte[]> stuck = CompletableFuture.supplyAsync(() -> transmit(APDU));
            assertArrayEquals(APDU, slow.readFrame());
            for (int i = 0; i < 20; i++) {
                assertEquals("aabb9000", HEX.formatHex(other.transmit(Protocol.T1, APDU)));
            }
            assertFalse(stuck.isDone(), "slot 1 finished its 20 exchanges while slot 0 still waits for its card");
            slow.sendFrame(HEX.parseHex("6A82"));
            assertEquals("6a82", HEX.formatHex(stuck.get(10, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aSecondCardWaitsUntilTheFirstLeaves() throws Exception {
        FakeCard first = insert();
        CardLink firstLink = slot.link();
        try (FakeCard second = new FakeCard(reader.address(0))) {
            // while the first card is in, APDUs go to it
            CompletableFuture<byte[]> transmit = CompletableFuture.supplyAsync(() -> transmit(APDU));
            assertArrayEquals(APDU, first.serveUntilApdu(ATR));
            first.sendFrame(HEX.parseHex("9000"));
            assertEquals("9000", HEX.formatHex(transmit.get(10, TimeUnit.SECONDS)));

            first.close();
            events.await(slot, () -> slot.link() != null && slot.link() != firstLink, "holding the second card", WAIT);
            transmit = CompletableFuture.supplyAsync(() -> transmit(APDU));
            assertArrayEquals(APDU, second.serveUntilApdu(ATR));
            second.sendFrame(HEX.parseHex("6A82"));
            assertEquals("6a82", HEX.formatHex(transmit.get(10, TimeUnit.SECONDS)));
        }
    }

    private byte[] transmit(byte[] apdu) {
        try {
            return slot.transmit(Protocol.T1, apdu);
        } catch (IfdException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private static IfdException failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IfdException ifd) {
                return ifd;
            }
            throw e;
        }
        throw new AssertionError("the exchange succeeded");
    }
}
