import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.jpcscd.api.EventStateBits;
import org.jpcscd.client.Context;
import org.jpcscd.client.PcscClient;
import org.jpcscd.client.ReaderState;

/**
 * Card insertion/removal latency from the emulated reader's interrupt to a client waiting in
 * SCardGetStatusChange through the daemon's socket (issue 6, target under 20 ms). A benchmark, not a
 * test. It runs the packaged daemon on a private copy of the distribution, drops the CCID device
 * emulator into its deploy/, and toggles the card through the emulator's Config Admin file. The
 * emulator stamps {@code System.nanoTime()} right before it queues each NotifySlotChange (its
 * {@code stampFile}); the clients stamp right after their call returns: this program's pure-Java
 * client (bundles/client) and, with {@code --pyscard}, libpcsclite through python3-pyscard
 * ({@code wait_card_events.py}, {@code time.monotonic_ns()}; Debian's /usr/bin/python3). All three are CLOCK_MONOTONIC, so the
 * stamps of the daemon and client processes compare directly.
 *
 * <pre>
 * mvn -B -q install -DskipTests
 * java -cp 'launcher/target/jpcscd/lib/*' drivers-ccid/src/test/bench/ClientEventLatencyBenchmark.java \
 *     launcher/target/jpcscd test-support/ccid-emulator/target/jpcscd-ccid-emulator-0.1.0.jar 400 --pyscard
 * </pre>
 */
public final class ClientEventLatencyBenchmark {
    static final String READER_MARK = "(EMU0001)";
    static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args[0]);
        Path emulatorJar = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        boolean pyscard = List.of(args).contains("--pyscard");
        Path home = Files.createTempDirectory("jpcscd-latency-");
        copyTree(distribution, home);
        Path socket = home.resolve("pcscd.comm");
        Path stamps = home.resolve("stamps.txt");
        Process daemon = startDaemon(home, socket);
        Process waiter = null;
        try (Context context = connect(socket, daemon)) {
            Files.copy(emulatorJar, home.resolve("deploy/jpcscd-ccid-emulator.jar"));
            configure(home, false, stamps);
            String reader = awaitReader(context);
            System.out.println("reader: " + reader);
            BlockingQueue<String> waiterLines = new LinkedBlockingQueue<>();
            if (pyscard) {
                waiter = startPyscard(socket, reader, waiterLines);
                String first = waiterLines.poll(60, TimeUnit.SECONDS);
                if (!"ready".equals(first)) {
                    throw new IllegalStateException("pyscard waiter did not start: " + first);
                }
            }
            ReaderState state = ReaderState.unaware(reader);
            List<ReaderState> states = List.of(state);
            context.getStatusChange(0, states);
            state.acknowledge();

            long[] java = new long[rounds];
            long[] python = new long[rounds];
            int notWaiting = 0;
            for (int i = 0; i < rounds; i++) {
                boolean insert = i % 2 == 0;
                configure(home, insert, stamps);
                long waitStart = System.nanoTime();
                long returned;
                do { // An insertion may be reported in two steps; the round ends when presence shows.
                    context.getStatusChange(10_000, states);
                    returned = System.nanoTime();
                    state.acknowledge();
                } while (state.has(EventStateBits.PRESENT) != insert);
                long interrupt = awaitStamp(stamps, i, insert);
                if (interrupt < waitStart) {
                    notWaiting++; // FileInstall was faster than our call: not a measurement of a waiting client.
                }
                java[i] = returned - interrupt;
                if (pyscard) {
                    String line = waiterLines.poll(10, TimeUnit.SECONDS);
                    if (line == null || !line.startsWith(insert ? "insert " : "remove ")) {
                        throw new IllegalStateException("pyscard waiter said " + line + " in round " + i);
                    }
                    python[i] = Long.parseLong(line.substring(7)) - interrupt;
                }
            }
            System.out.printf("%d card events (half insertions), first %d dropped as warm-up; "
                    + "rounds where the Java client was not yet waiting: %d%n", rounds, rounds / 10, notWaiting);
            report("interrupt -> Java client (bundles/client) returns", java);
            if (pyscard) {
                report("interrupt -> libpcsclite (pyscard) returns     ", python);
            }
        } finally {
            if (waiter != null) {
                waiter.destroy();
            }
            daemon.destroy();
            if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        System.out.println("daemon home (log, stamps): " + home);
    }

    private static void report(String what, long[] nanos) {
        long[] steady = Arrays.copyOfRange(nanos, nanos.length / 10, nanos.length);
        Arrays.sort(steady);
        System.out.printf("%s: median %.3f ms, p99 %.3f ms, max %.3f ms (min %.3f ms, %d events)%n", what,
                steady[steady.length / 2] / 1e6, steady[steady.length * 99 / 100] / 1e6,
                steady[steady.length - 1] / 1e6, steady[0] / 1e6, steady.length);
    }

    private static Process startDaemon(Path home, Path socket) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/pcscd").toString(), "--foreground",
                "--socket", socket.toString(), "--features", "core,protocol,ccid",
                "-D", "felix.fileinstall.poll=20")
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("daemon.log").toFile());
        builder.environment().put("XDG_RUNTIME_DIR", home.toString());
        builder.environment().remove("PCSCLITE_CSOCK_NAME");
        return builder.start();
    }

    private static Context connect(Path socket, Process daemon) throws Exception {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (true) {
            if (!daemon.isAlive()) {
                throw new IllegalStateException("daemon exited with " + daemon.exitValue());
            }
            if (Files.exists(socket)) {
                try {
                    return PcscClient.forSocket(socket).establishContext();
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("daemon never served " + socket);
            }
            daemon.waitFor(50, TimeUnit.MILLISECONDS); // returns early if the daemon dies
        }
    }

    /** Waits on the PnP pseudo reader until the emulated reader is listed. */
    private static String awaitReader(Context context) throws Exception {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        ReaderState pnp = ReaderState.pnp();
        while (System.nanoTime() < deadline) {
            for (String name : context.listReaders()) {
                if (name.contains(READER_MARK)) {
                    return name;
                }
            }
            try {
                context.getStatusChange(1000, List.of(pnp));
                pnp.acknowledge();
            } catch (org.jpcscd.api.ScardException timeout) {
                // no reader change within the second; list again
            }
        }
        throw new IllegalStateException("the emulated reader never appeared");
    }

    private static Process startPyscard(Path socket, String reader, BlockingQueue<String> lines) throws IOException {
        Path script = Path.of(System.getProperty("waiter.script", "drivers-ccid/src/test/bench/wait_card_events.py"));
        ProcessBuilder builder = new ProcessBuilder(
                System.getProperty("waiter.python", "/usr/bin/python3"), script.toString(), reader)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PCSCLITE_CSOCK_NAME", socket.toString());
        Process process = builder.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the waiter was stopped
            }
        }, "pyscard-waiter");
        pump.setDaemon(true);
        pump.start();
        return process;
    }

    /** Atomically replaces the emulator's configuration, so FileInstall never reads half a file. */
    private static void configure(Path home, boolean card, Path stamps) throws IOException {
        Path temporary = home.resolve("org.jpcscd.ccid.emulator.cfg.new");
        Files.writeString(temporary, "card = " + card + "\nstampFile = " + stamps + "\n");
        Files.move(temporary, home.resolve("etc/org.jpcscd.ccid.emulator.cfg"),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The emulator appends its line after queuing the interrupt, so it may trail the client a little. */
    private static long awaitStamp(Path stamps, int round, boolean insert) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(stamps) ? Files.readString(stamps) : "";
            // Only complete lines: the emulator may be half-way through its append.
            String[] lines = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
            if (lines.length > round && !lines[round].isEmpty()) {
                String line = lines[round];
                if (!line.startsWith(insert ? "insert " : "remove ")) {
                    throw new IllegalStateException("round " + round + " expected " + insert + ": " + line);
                }
                return Long.parseLong(line.substring(7).trim());
            }
            LockSupport.parkNanos(100_000);
        }
        throw new IllegalStateException("no stamp for round " + round);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(all::add);
        }
        for (Path source : all) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
