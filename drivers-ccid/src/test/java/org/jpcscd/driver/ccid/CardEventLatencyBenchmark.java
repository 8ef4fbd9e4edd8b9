package org.jpcscd.driver.ccid;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jpcscd.ccid.emulator.CcidEmulator;
import org.jpcscd.ccid.emulator.ReaderProfile;

/**
 * How long a card insertion or removal takes from the reader's NotifySlotChange to the driver's
 * answer of the core's follow-up presence check (the driver's share of the 20 ms target).
 * A benchmark, not a test: run it by hand and read the numbers.
 *
 * <pre>
 * mvn -q -pl drivers-ccid dependency:build-classpath -Dmdep.outputFile=/tmp/ccid.cp -Dmdep.includeScope=test
 * java -cp drivers-ccid/target/test-classes:drivers-ccid/target/classes:$(cat /tmp/ccid.cp) \
 *     org.jpcscd.driver.ccid.CardEventLatencyBenchmark 2000
 * </pre>
 */
public final class CardEventLatencyBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu());
        CcidInterface ccid = CcidInterface.find(emulator).orElseThrow();
        CcidReader reader = CcidReader.open(emulator, ccid, "bench", false, Duration.ofSeconds(2), () -> { });
        BlockingQueue<Long> events = new LinkedBlockingQueue<>();
        reader.setCardEventListener(slot -> events.add(System.nanoTime()));
        CcidSlot slot = reader.slots().get(0);
        long[] toEvent = new long[rounds];
        long[] toPresence = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            boolean insert = i % 2 == 0;
            long start = System.nanoTime();
            if (insert) {
                emulator.insert(0, Cards.t1());
            } else {
                emulator.remove(0);
            }
            Long signalled = events.poll(5, TimeUnit.SECONDS);
            if (signalled == null) {
                throw new IllegalStateException("no event in round " + i);
            }
            boolean present = slot.isCardPresent();
            long answered = System.nanoTime();
            if (present != insert) {
                throw new IllegalStateException("wrong presence in round " + i);
            }
            toEvent[i] = signalled - start;
            toPresence[i] = answered - start;
        }
        reader.close();
        report("interrupt -> listener", toEvent);
        report("interrupt -> presence answered", toPresence);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        // The first rounds warm up the JIT; report the steady state too.
        long[] steady = Arrays.copyOfRange(nanos, nanos.length / 10, nanos.length);
        Arrays.sort(steady);
        System.out.printf("%-32s all: median %.3f ms, p99 %.3f ms, max %.3f ms | after warm-up: median %.3f ms,"
                + " p99 %.3f ms, max %.3f ms%n", what, ms(sorted, 50), ms(sorted, 99), sorted[sorted.length - 1] / 1e6,
                ms(steady, 50), ms(steady, 99), steady[steady.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
