package org.jpcscd.driver.ccid;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.CardStateBits;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.api.rm.ResourceManager;
import org.jpcscd.ccid.emulator.CcidEmulator;
import org.jpcscd.ccid.emulator.ReaderProfile;
import org.jpcscd.usb.api.UsbDevice;
import org.jpcscd.usb.api.UsbInfo;
import org.osgi.framework.Bundle;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Card insertion/removal latency from the emulated reader's NotifySlotChange to the moment the core
 * wakes a waiting client ({@code ResourceManager.awaitStateChange}, what GetStatusChange waits on):
 * emulator → CCID driver (interrupt pipe) → core, in Felix with SCR. The target is 20 ms.
 * A benchmark, not a test: run it by hand after {@code mvn -pl drivers-ccid -am verify}.
 *
 * <pre>
 * mvn -q -pl drivers-ccid dependency:build-classpath -Dmdep.outputFile=/tmp/ccid.cp -Dmdep.includeScope=test
 * java -Dit.bundles=drivers-ccid/target/it-bundles -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
 *     -cp drivers-ccid/target/test-classes:$(cat /tmp/ccid.cp) \
 *     org.jpcscd.driver.ccid.CoreEventLatencyBenchmark drivers-ccid/target/jpcscd-driver-ccid-0.1.0.jar 1000
 * </pre>
 */
public final class CoreEventLatencyBenchmark {
    public static void main(String[] args) throws Exception {
        File driver = new File(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String shared = "org.jpcscd.api;version=1.0.0,org.jpcscd.api.ifd;version=1.0.0,"
                + "org.jpcscd.api.rm;version=1.0.0,org.jpcscd.usb.api;version=1.0.0,org.slf4j;version=1.7.36";
        try (FelixFramework felix = new FelixFramework(shared)) {
            for (String id : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
                    "org.apache.felix.scr", "jpcscd-core")) {
                felix.install(id).start();
            }
            Bundle driverBundle = felix.installFile(driver);
            driverBundle.start();
            ServiceTracker<ResourceManager, ResourceManager> tracker =
                    new ServiceTracker<>(felix.context(), ResourceManager.class, null);
            tracker.open();
            ResourceManager rm = tracker.waitForService(10_000);

            CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu());
            felix.context().registerService(UsbDevice.class, emulator, UsbInfo.properties(emulator));
            long known = rm.stateGeneration();
            while (rm.readers().isEmpty()) {
                known = rm.awaitStateChange(known).get(10, TimeUnit.SECONDS);
            }
            long[] nanos = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                boolean insert = i % 2 == 0;
                long start = System.nanoTime();
                if (insert) {
                    emulator.insert(0, Cards.t1());
                } else {
                    emulator.remove(0);
                }
                // Wait until the core shows the new presence (one event may take two generations).
                while (present(rm) != insert) {
                    known = rm.awaitStateChange(known).get(5, TimeUnit.SECONDS);
                }
                nanos[i] = System.nanoTime() - start;
                known = rm.stateGeneration();
            }
            long[] steady = Arrays.copyOfRange(nanos, rounds / 10, rounds);
            Arrays.sort(steady);
            System.out.printf("interrupt -> core state change: median %.3f ms, p99 %.3f ms, max %.3f ms"
                    + " (%d rounds after warm-up)%n", steady[steady.length / 2] / 1e6,
                    steady[steady.length * 99 / 100] / 1e6, steady[steady.length - 1] / 1e6, steady.length);
            tracker.close();
        }
    }

    private static boolean present(ResourceManager rm) {
        ReaderStatus reader = rm.readers().get(0);
        return (reader.cardState() & CardStateBits.PRESENT) != 0;
    }
}
