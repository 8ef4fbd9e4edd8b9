package org.jpcscd.cli;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.jpcscd.api.EventStateBits;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.client.Context;
import org.jpcscd.client.ReaderState;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code pcsc scan}: pcsc_scan's job in Java. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Show the readers, then every change as it happens: card inserted (with its ATR),",
            "card removed, reader plugged in or out, reader taken by another client. Runs until",
            "interrupted (Ctrl-C, SIGTERM), which ends the wait through SCardCancel and exits 0."})
final class ScanCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @ParentCommand
    PcscMain main;

    @Override
    public Integer call() throws Exception {
        Context ctx = main.client().establishContext();
        CountDownLatch finished = new CountDownLatch(1);
        Thread cancelOnExit = new Thread(() -> {
            Thread cancel = new Thread(() -> {
                try {
                    ctx.cancel();
                } catch (ScardException e) {
                    // exiting anyway
                }
            }, "pcsc-scan-cancel");
            cancel.setDaemon(true);
            cancel.start();
            try {
                // Let the scan loop see SCARD_E_CANCELLED and release the context, but never hang the exit.
                finished.await(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pcsc-scan-stop");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        try {
            scan(ctx);
        } finally {
            ctx.close();
            finished.countDown();
        }
        return 0;
    }

    private void scan(Context ctx) throws ScardException {
        List<ReaderState> states = new ArrayList<>();
        ReaderState pnp = ReaderState.pnp();
        rebuild(ctx, states, pnp);
        System.out.println("Scanning; Ctrl-C to stop.");
        while (true) {
            List<ReaderState> watched = new ArrayList<>(states);
            watched.add(pnp);
            try {
                ctx.getStatusChange(-1, watched);
            } catch (ScardException e) {
                if (e.code() == ScardCode.E_CANCELLED) {
                    return;
                }
                if (e.code() != ScardCode.E_UNKNOWN_READER) {
                    throw e;
                }
                // a reader vanished between listing and waiting
                rebuild(ctx, states, pnp);
                continue;
            }
            for (int i = 0; i < states.size(); i++) {
                ReaderState s = states.get(i);
                if (s.changed()) {
                    report(i, s);
                    s.acknowledge();
                }
            }
            if (pnp.changed()) {
                pnp.acknowledge();
                System.out.println(time() + " Reader list changed");
                rebuild(ctx, states, pnp);
            }
        }
    }

    /** Lists the readers, keeping what is known of the old ones, and prints the list. */
    private void rebuild(Context ctx, List<ReaderState> states, ReaderState pnp) throws ScardException {
        List<String> readers = ctx.listReaders();
        List<ReaderState> next = new ArrayList<>();
        for (String name : readers) {
            next.add(states.stream().filter(s -> s.readerName().equals(name)).findFirst()
                    .orElseGet(() -> ReaderState.unaware(name)));
        }
        states.clear();
        states.addAll(next);
        if (readers.isEmpty()) {
            System.out.println("No reader: waiting for one to be plugged in.");
        }
        for (int i = 0; i < readers.size(); i++) {
            System.out.println(" " + i + ": " + readers.get(i));
        }
    }

    private static void report(int index, ReaderState s) {
        int before = s.currentState();
        int now = s.eventState();
        String what;
        boolean wasPresent = (before & EventStateBits.PRESENT) != 0;
        boolean isPresent = (now & EventStateBits.PRESENT) != 0;
        if (before == EventStateBits.UNAWARE) {
            what = isPresent ? "Card present" : "No card";
        } else if (!wasPresent && isPresent) {
            what = "Card inserted";
        } else if (wasPresent && !isPresent && (now & EventStateBits.EMPTY) != 0) {
            what = "Card removed";
        } else if (wasPresent && isPresent && EventStateBits.counter(before) != EventStateBits.counter(now)) {
            what = "Card removed and inserted";
        } else {
            what = "State changed";
        }
        System.out.println(time() + " Reader " + index + ": " + s.readerName());
        System.out.println("  " + what + " (" + CardState.describe(now) + ", event " + EventStateBits.counter(now) + ")");
        if (isPresent) {
            System.out.println("  ATR: " + Hex.format(s.atr()));
        }
    }

    private static String time() {
        return LocalTime.now().format(TIME);
    }
}
