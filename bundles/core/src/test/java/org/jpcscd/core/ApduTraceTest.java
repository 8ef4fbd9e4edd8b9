package org.jpcscd.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.ApduTracing;
import org.jpcscd.api.rm.CardConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** APDU bytes reach the log only for traced readers, and only in a daemon allowed to trace. */
class ApduTraceTest {
    private static final String FIRST = "Test Reader 00 00";
    private static final String SECOND = "Other Reader 00 00";
    private static final byte[] COMMAND = HexFormat.of().parseHex("00A4040002CAFE");
    private final Harness harness = new Harness();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void readers() {
        harness.rm.traceSink = lines::add;
        harness.addReady(TestReader.withCard("Test Reader"), FIRST);
        // Another driver, so its reader is instance 00 whatever the core's numbering within one driver.
        harness.add(TestReader.withCard("Other Reader"), "org.jpcscd.test.other", java.util.Map.of());
        harness.await(SECOND, status -> !status.initialising());
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void exchange(String reader) throws Exception {
        CardConnection card = harness.context().connect(reader, ShareMode.SHARED, Protocol.ANY_MASK);
        card.transmit(Protocol.T1.mask(), COMMAND);
        card.disconnect(Disposition.LEAVE);
    }

    @Test
    void nothingIsTracedUntilTracingIsOn() throws Exception {
        exchange(FIRST);
        assertTrue(lines.isEmpty(), lines.toString());
        assertTrue(harness.rm.traced().isEmpty());
    }

    @Test
    void oneTracedReaderLogsCommandAndResponseHexAndOthersStaySilent() throws Exception {
        harness.rm.start(FIRST);
        exchange(SECOND);
        assertTrue(lines.isEmpty(), lines.toString());

        exchange(FIRST);
        // The test card echoes the command and appends 9000.
        assertEquals(List.of("APDU " + FIRST + " > 00A4040002CAFE", "APDU " + FIRST + " < 00A4040002CAFE9000"), lines);
        assertEquals(Set.of(FIRST), harness.rm.traced());

        harness.rm.stop(FIRST);
        lines.clear();
        exchange(FIRST);
        assertTrue(lines.isEmpty(), lines.toString());
    }

    @Test
    void allReadersAreTracedUntilStoppedForAll() throws Exception {
        harness.rm.start(ApduTracing.ALL_READERS);
        exchange(FIRST);
        exchange(SECOND);
        assertEquals(4, lines.size(), lines.toString());

        harness.rm.stop(ApduTracing.ALL_READERS);
        lines.clear();
        exchange(SECOND);
        assertTrue(lines.isEmpty(), lines.toString());
    }

    @Test
    void aDaemonStartedOnDemandByAnUnprivilegedUserRefusesToTrace() throws Exception {
        harness.rm.startedAs("on-demand", 1000);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> harness.rm.start(FIRST));
        assertTrue(refused.getMessage().contains("started on demand by an unprivileged user"), refused.getMessage());
        assertFalse(harness.rm.traced().contains(FIRST));
        exchange(FIRST);
        assertTrue(lines.isEmpty(), lines.toString());
    }

    @Test
    void rootOrAnOperatorStartedDaemonMayTrace() {
        harness.rm.startedAs("on-demand", 0);
        assertNull(harness.rm.refusal());
        harness.rm.startedAs("foreground", 1000);
        assertNull(harness.rm.refusal());
        harness.rm.start(FIRST);
        assertEquals(Set.of(FIRST), harness.rm.traced());
    }
}
