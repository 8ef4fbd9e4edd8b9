package org.jpcscd.core;

import static org.jpcscd.core.Scard.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.Scope;
import org.jpcscd.api.ShareMode;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ClientInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** pcscd's limits and their errors (§5.3), changed live through the modified method. */
class LimitsTest {
    private static final String NAME = "Limit 00 00";
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private void reconfigure() {
        harness.rm.modified(harness.config);
    }

    @Test
    void handlesPerContextBeyondTheLimitAreNoMemoryAndNotKept() throws Exception {
        harness.addReady(TestReader.withCard("Limit").reportingEvents(), NAME);
        harness.config.handlesPerContext = 2;
        reconfigure();
        ClientContext context = harness.context();
        context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        assertFails(ScardCode.E_NO_MEMORY, () -> context.connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));
        assertEquals(2, harness.rm.liveHandles());
        assertEquals(2, harness.find(NAME).orElseThrow().sharing());
        // Another context still has room.
        harness.context().connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
    }

    @Test
    void handlesPerReaderBeyondTheLimitAreAnInternalError() throws Exception {
        harness.addReady(TestReader.withCard("Limit").reportingEvents(), NAME);
        harness.config.handlesPerReader = 2;
        reconfigure();
        harness.context().connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK);
        harness.context().connect(NAME, ShareMode.DIRECT, 0);
        assertFails(ScardCode.F_INTERNAL_ERROR,
                () -> harness.context().connect(NAME, ShareMode.SHARED, Protocol.ANY_MASK));
        assertEquals(2, harness.rm.liveHandles());
    }

    @Test
    void contextsBeyondTheLimitAreRefused() throws Exception {
        harness.config.contexts = 2;
        reconfigure();
        ClientContext first = harness.context();
        harness.context();
        assertFails(ScardCode.E_NO_MEMORY, () -> harness.rm.establishContext(ClientInfo.inProcess(), Scope.SYSTEM));
        first.close();
        harness.context();
        assertEquals(2, harness.rm.contexts().size());
    }

    @Test
    void aNewPollingPeriodAppliesToReadersAlreadyPolled() throws Exception {
        harness.config.pollingMillis = 60_000;
        reconfigure();
        TestReader reader = TestReader.empty("Limit");
        harness.addReady(reader, NAME);
        CountDownLatch rounds = new CountDownLatch(5);
        reader.slot().presenceCountdown = rounds;

        harness.config.pollingMillis = 10;
        reconfigure();

        assertEquals(true, rounds.await(5, TimeUnit.SECONDS), "polled at the new period");
    }

    @Test
    void readersBoundBeforeActivationAlreadyGetTheConfiguredLimits() {
        TestConfig config = new TestConfig();
        config.readerSlots = 2;
        // DS order: construct (with the configuration), bind the readers already there, activate.
        ResourceManagerImpl rm = new ResourceManagerImpl(config);
        try {
            rm.bindReader(new TestReader("Early", 3, false), new FakeServiceReference(Harness.DRIVER, java.util.Map.of()));
            rm.activate(config);
            assertEquals(2, rm.readers().size(), "the configured 2 entries, not the default 16");
        } finally {
            rm.deactivate();
        }
    }
}
