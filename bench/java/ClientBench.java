import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ShareMode;
import org.jpcscd.client.CardHandle;
import org.jpcscd.client.ClientSettings;
import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;

/**
 * pcsc-bench's latency loops through jpcscd's pure-Java client instead of libpcsclite: the same
 * APDUs, the same echo check, the same output lines (metric names prefixed with "java_"), so the
 * two clients can be compared on one daemon.
 *
 * <pre>
 * java ClientBench latency N WARMUP     transmits (small, large) and establish+release on
 *                                       $PCSCLITE_CSOCK_NAME, auto-start off
 * java ClientBench cold                 one establishContext with auto-start on (daemon command from
 *                                       -Dorg.jpcscd.client.daemon), timed from the call; then the
 *                                       daemon it started is stopped by its PID
 * </pre>
 */
public final class ClientBench {
    private static final byte[] AID = {(byte) 0xA0, 0x00, 0x00, 0x03, (byte) 0x97, 0x42, 0x54, 0x46};

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "latency" -> latency(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "cold" -> cold();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void latency(int n, int warmup) throws Exception {
        PcscClient client = PcscClient.forSocket(ClientSettings.fromEnvironment().socket());
        byte[] small = case4(0x00, 0xA4, 0x04, 0x00, AID);
        byte[] bigData = new byte[255];
        for (int i = 0; i < bigData.length; i++) {
            bigData[i] = (byte) (i * 7 + 3);
        }
        byte[] large = case4(0x80, 0xCA, 0x00, 0x00, bigData);
        try (Context context = client.establishContext()) {
            String reader = firstReader(context);
            System.out.println("# reader=\"" + reader + "\" client=jpcscd-java");
            CardHandle card = context.connect(reader, ShareMode.SHARED, Protocol.T1.mask());
            transmits("java_transmit_small_us", "cmd_bytes=14 resp_bytes=10", card, small, AID, n, warmup);
            transmits("java_transmit_large_us", "cmd_bytes=261 resp_bytes=257", card, large, bigData, n, warmup);
            card.disconnect(Disposition.LEAVE);
        }
        double[] samples = new double[n];
        for (int i = -warmup; i < n; i++) {
            long t0 = System.nanoTime();
            client.establishContext().release();
            if (i >= 0) {
                samples[i] = (System.nanoTime() - t0) / 1e3;
            }
        }
        print("java_ctx_establish_release_us", "", samples, 0);
    }

    private static String firstReader(Context context) throws Exception {
        List<String> readers = context.listReaders();
        return readers.stream().filter(r -> r.startsWith("Virtual PCD")).findFirst().orElse(readers.get(0));
    }

    private static void transmits(String metric, String extra, CardHandle card, byte[] apdu, byte[] data, int n,
            int warmup) throws Exception {
        byte[] expected = Arrays.copyOf(data, data.length + 2);
        expected[data.length] = (byte) 0x90;
        double[] samples = new double[n];
        int errors = 0;
        for (int i = -warmup; i < n; i++) {
            long t0 = System.nanoTime();
            byte[] response = card.transmit(apdu);
            long t1 = System.nanoTime();
            if (i >= 0) {
                samples[i] = (t1 - t0) / 1e3;
                errors += Arrays.equals(response, expected) ? 0 : 1;
            }
        }
        print(metric, extra, samples, errors);
    }

    private static void cold() throws Exception {
        ClientSettings settings = ClientSettings.fromEnvironment().withAutoStart(true);
        long t0 = System.nanoTime();
        Context context = PcscClient.create(settings).establishContext();
        double ms = (System.nanoTime() - t0) / 1e6;
        context.release();
        System.out.printf(Locale.ROOT, "metric=cold_autostart_ms value=%.2f%n", ms);
        // the daemon is this JVM's child (started through setsid, which execs): stop it by its PID
        List<ProcessHandle> started = new ArrayList<>(ProcessHandle.current().descendants().toList());
        for (ProcessHandle daemon : started) {
            daemon.destroy();
        }
        for (ProcessHandle daemon : started) {
            try {
                daemon.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                System.err.println("ClientBench: daemon " + daemon.pid() + " ignored SIGTERM for 10 s, killing it");
                daemon.destroyForcibly();
                daemon.onExit().get();
            }
        }
    }

    private static byte[] case4(int cla, int ins, int p1, int p2, byte[] data) {
        byte[] apdu = new byte[5 + data.length + 1];
        apdu[0] = (byte) cla;
        apdu[1] = (byte) ins;
        apdu[2] = (byte) p1;
        apdu[3] = (byte) p2;
        apdu[4] = (byte) data.length;
        System.arraycopy(data, 0, apdu, 5, data.length);
        return apdu;
    }

    /** The same line as pcsc-bench: nearest-rank percentiles over the measured samples. */
    private static void print(String metric, String extra, double[] v, int errors) {
        Arrays.sort(v);
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        System.out.printf(Locale.ROOT, "metric=%s%s n=%d median=%.1f p90=%.1f p99=%.1f min=%.1f max=%.1f mean=%.1f errors=%d%n",
                metric, extra.isEmpty() ? "" : " " + extra, v.length, pct(v, 0.50), pct(v, 0.90), pct(v, 0.99),
                v[0], v[v.length - 1], sum / v.length, errors);
    }

    private static double pct(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(Math.max(index, 1), sorted.length) - 1];
    }
}
