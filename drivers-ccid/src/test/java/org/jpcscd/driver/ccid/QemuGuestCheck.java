package org.jpcscd.driver.ccid;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.ifd.Pps;
import org.osgi.framework.Bundle;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The QEMU test phase, run inside the guest: the real usb bundle (usb4java, libusb) and the CCID
 * driver in Felix find QEMU's usb-ccid reader, and the host's scripted card ({@link VsCardServer})
 * answers. Prints one line per check and exits 0 only if all pass.
 *
 * <p>Usage: {@code QemuGuestCheck <shared folder>}; bundles are read from {@code <shared>/bundles}.
 */
public final class QemuGuestCheck {
    /** The guest JVM runs some 25 times slower than the host's: starting Felix and SCR takes minutes. */
    private static final Duration STARTUP = Duration.ofSeconds(400);
    private static final Duration EVENT = Duration.ofSeconds(30);
    private static final long START = System.nanoTime();
    private static int failures;

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        System.setProperty("it.bundles", shared.resolve("bundles").toString());
        String apis = "org.jpcscd.api;version=1.0.0,org.jpcscd.api.ifd;version=1.0.0,"
                + "org.jpcscd.api.rm;version=1.0.0,org.slf4j;version=1.7.36";
        int status;
        try (FelixFramework felix = new FelixFramework(apis)) {
            for (String id : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
                    "org.apache.felix.scr", "commons-lang3", "jpcscd-wrap-usb4java", "jpcscd-usb",
                    "jpcscd-driver-ccid")) {
                Bundle bundle = felix.installFile(new File(shared.resolve("bundles").toFile(), id + ".jar"));
                bundle.start();
            }
            ServiceTracker<IfdReader, IfdReader> readers = new ServiceTracker<>(felix.context(), IfdReader.class, null);
            readers.open();
            IfdReader reader = readers.waitForService(STARTUP.toMillis());
            check("reader found", reader != null, "no IfdReader service");
            if (reader != null) {
                exercise(reader, shared);
                unplug(reader, felix.context(), shared);
            }
            readers.close();
            status = failures == 0 ? 0 : 1;
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            status = 2;
        }
        System.out.println(status == 0 ? "QEMU-PHASE PASS" : "QEMU-PHASE FAIL (" + failures + " failed checks)");
        Files.writeString(shared.resolve("result"), Integer.toString(status));
        System.exit(status);
    }

    private static void exercise(IfdReader reader, Path shared) throws Exception {
        String name = reader.friendlyName();
        check("reader name", name.startsWith("Gemalto Gemplus USB SmartCard Reader 433-Swap"), name);
        check("card events from the interrupt pipe", reader.reportsCardEvents(), "reader would be polled");
        BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
        reader.setCardEventListener(s -> events.add(s.index()));
        IfdSlot slot = reader.slots().get(0);
        check("card present", slot.isCardPresent(), "no card");

        byte[] atr = slot.powerUp();
        check("power-up gives the ATR", Arrays.equals(atr, VsCardServer.ATR), hex(atr));
        slot.setProtocol(Pps.of(Protocol.T0));
        byte[] select = slot.transmit(Protocol.T0, HexFormat.of().parseHex("00A4040002 3F00".replace(" ", "")));
        check("SELECT round trip", Arrays.equals(select, HexFormat.of().parseHex("9000")), hex(select));
        byte[] data = new byte[250];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 3 + 1);
        }
        byte[] echo = new byte[5 + data.length];
        echo[0] = (byte) 0x80;
        echo[1] = (byte) 0xEE;
        echo[4] = (byte) data.length;
        System.arraycopy(data, 0, echo, 5, data.length);
        byte[] echoed = slot.transmit(Protocol.T0, echo);
        check("252-byte reply over 64-byte packets", Arrays.equals(echoed, Cards.okWith(data)),
                echoed.length + " bytes");

        events.clear();
        byte[] removeMe = slot.transmit(Protocol.T0, HexFormat.of().parseHex("80E0000000"));
        check("card asked to leave", Arrays.equals(removeMe, HexFormat.of().parseHex("9000")), hex(removeMe));
        Integer removal = events.poll(EVENT.toSeconds(), TimeUnit.SECONDS);
        check("removal arrives as NotifySlotChange", removal != null && removal == 0, "no event");
        check("card absent after removal", !slot.isCardPresent(), "still present");
        try {
            slot.powerUp();
            check("power-up without card says no card", false, "powered up");
        } catch (IfdException e) {
            check("power-up without card says no card", e.code() == IfdResponseCode.ICC_NOT_PRESENT,
                    e.getMessage());
        }
        Files.writeString(shared.resolve("insert-now"), "1");
        Integer insertion = events.poll(EVENT.toSeconds(), TimeUnit.SECONDS);
        check("insertion arrives as NotifySlotChange", insertion != null && insertion == 0, "no event");
        check("card present after insertion", slot.isCardPresent(), "absent");
        byte[] again = slot.powerUp();
        check("power-up after insertion gives the ATR", Arrays.equals(again, VsCardServer.ATR), hex(again));
        slot.setProtocol(Pps.of(Protocol.T0));
        byte[] getData = slot.transmit(Protocol.T0, HexFormat.of().parseHex("00CA000000"));
        check("GET DATA after re-insertion", Arrays.equals(getData, Cards.okWith(VsCardServer.NAME)), hex(getData));
    }

    /** The reader is pulled out: libusb's hotplug removes the device, the driver its reader. */
    private static void unplug(IfdReader reader, org.osgi.framework.BundleContext context, Path shared)
            throws Exception {
        java.util.concurrent.CountDownLatch withdrawn = new java.util.concurrent.CountDownLatch(1);
        context.addServiceListener(event -> {
            if (event.getType() == org.osgi.framework.ServiceEvent.UNREGISTERING) {
                withdrawn.countDown();
            }
        }, "(objectClass=" + IfdReader.class.getName() + ")");
        Files.writeString(shared.resolve("unplug-now"), "1");
        check("reader service withdrawn after unplug", withdrawn.await(EVENT.toSeconds(), TimeUnit.SECONDS),
                "still registered");
        try {
            reader.slots().get(0).isCardPresent();
            check("the gone reader says NO_SUCH_DEVICE", false, "answered");
        } catch (IfdException e) {
            check("the gone reader says NO_SUCH_DEVICE", e.code() == IfdResponseCode.NO_SUCH_DEVICE, e.getMessage());
        }
    }

    private static void check(String what, boolean ok, String detail) {
        long seconds = Duration.ofNanos(System.nanoTime() - START).toSeconds();
        System.out.println((ok ? "CHECK ok   " : "CHECK FAIL ") + "[" + seconds + " s] " + what
                + (ok ? "" : ": " + detail));
        if (!ok) {
            failures++;
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
