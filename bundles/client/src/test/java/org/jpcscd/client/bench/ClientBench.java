package org.jpcscd.client.bench;

import java.util.Arrays;
import java.util.HexFormat;

import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ShareMode;
import org.jpcscd.client.CardHandle;
import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;

/**
 * The Java client's side of bench/client-bench.sh, printing metric lines in pcsc-bench's format.
 * {@code transmit N READER}: SCardTransmit round trips with pcsc-bench's small APDU (a 14-byte
 * case-4 SELECT; the echo card answers 10 bytes), after 200 unmeasured warm-up exchanges.
 * {@code autostart}: one establishContext with auto-start on (settings from the environment),
 * timed from the call to the established context.
 */
public final class ClientBench {
    private static final byte[] SMALL = HexFormat.of().parseHex("00A4040008A00000039742544600");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "transmit" -> transmit(Integer.parseInt(args[1]), args[2]);
            case "autostart" -> autostart();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void transmit(int n, String reader) throws Exception {
        try (Context ctx = PcscClient.create().establishContext()) {
            CardHandle card = ctx.connect(reader, ShareMode.SHARED, Protocol.T1.mask());
            byte[] expected = HexFormat.of().parseHex("A00000039742544690" + "00");
            for (int i = 0; i < 200; i++) {
                card.transmit(SMALL);
            }
            long[] samples = new long[n];
            int bad = 0;
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                byte[] response = card.transmit(SMALL);
                samples[i] = System.nanoTime() - t0;
                bad += Arrays.equals(expected, response) ? 0 : 1;
            }
            card.disconnect(Disposition.LEAVE);
            Arrays.sort(samples);
            System.out.printf("metric=transmit_small_us n=%d median=%.1f p90=%.1f p99=%.1f bad=%d%n", n,
                    rank(samples, 0.5), rank(samples, 0.9), rank(samples, 0.99), bad);
        }
    }

    private static void autostart() throws Exception {
        long t0 = System.nanoTime();
        try (Context ctx = PcscClient.create().establishContext()) {
            long t1 = System.nanoTime();
            System.out.printf("metric=cold_autostart_ms value=%.1f readers=%d%n", (t1 - t0) / 1e6, ctx.listReaders().size());
        }
    }

    /** Nearest-rank percentile in microseconds, as pcsc-bench computes it. */
    private static double rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
