package org.jpcscd.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two pyscard processes on one reader: handles don't cross processes, exclusive and transaction
 * holds behave as in pcscd, and kill -9 of the holder releases them.
 */
class TwoClientsIT {
    static final Duration DEADLINE = Duration.ofSeconds(15);
    static Daemon daemon;

    @BeforeAll
    static void start() throws IOException {
        daemon = Daemon.start("two-clients");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        daemon.close();
    }

    static ClientProcess hold(String mode) throws InterruptedException {
        ClientProcess holder = ClientProcess.start(daemon.clientEnvironment(),
                Pyscard.script("hold_card.py", Daemon.READER, mode));
        holder.awaitLine("held", DEADLINE);
        assertTrue(holder.output().contains("connect 0x00000000"), holder.output());
        return holder;
    }

    @Test
    void theSecondClientCannotUseTheFirstOnesCardHandle() throws InterruptedException {
        try (ClientProcess holder = hold("shared")) {
            String handle = holder.output().lines().filter(l -> l.startsWith("hcard ")).findFirst().orElseThrow();
            String out = ClientProcess.run(daemon.clientEnvironment(), DEADLINE,
                    Pyscard.script("use_card.py", Daemon.READER, "foreign", handle.split(" ")[1]).toArray(String[]::new));
            assertTrue(out.contains("transmit 0x80100003"), "SCARD_E_INVALID_HANDLE: " + out);
        }
    }

    @Test
    void anExclusiveHoldRefusesOthersUntilTheHolderIsKilled() throws InterruptedException {
        ClientProcess holder = hold("exclusive");
        try {
            String refused = ClientProcess.run(daemon.clientEnvironment(), DEADLINE,
                    Pyscard.script("use_card.py", Daemon.READER, "connect").toArray(String[]::new));
            assertTrue(refused.contains("connect 0x8010000B"), "SCARD_E_SHARING_VIOLATION: " + refused);
        } finally {
            holder.kill();
        }
        String after = ClientProcess.run(daemon.clientEnvironment(), DEADLINE,
                Pyscard.script("use_card.py", Daemon.READER, "connect-until").toArray(String[]::new));
        assertTrue(after.contains("connect 0x00000000"), after);
    }

    @Test
    void aClientBlockedInBeginTransactionProceedsWhenTheHolderIsKilled() throws Exception {
        // The waiter connects first: pcscd (and jpcscd) hold a CONNECT while a transaction stands.
        try (ClientProcess waiter = ClientProcess.start(daemon.clientEnvironment(),
                Pyscard.script("use_card.py", Daemon.READER, "begin"))) {
            waiter.awaitLine("connect 0x00000000", DEADLINE);
            ClientProcess holder = hold("transaction");
            try {
                assertTrue(holder.output().contains("begin 0x00000000"), holder.output());
                waiter.sendLine("go");
                waiter.awaitLine("beginning", DEADLINE);
                // Blocked: the library keeps polling BEGIN while the holder's transaction stands.
                assertEquals(null, waiter.nextLine("begun", Duration.ofMillis(500)),
                        "began while another client held a transaction");
            } finally {
                holder.kill();
            }
            String begun = waiter.awaitLine("begun", DEADLINE);
            assertEquals("begun 0x00000000", begun);
            waiter.awaitLine("select 0x00000000 9000", DEADLINE);
        }
    }
}
