package org.jpcscd.driver.ccid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.ifd.IfdSlot;
import org.jpcscd.api.ifd.Pps;
import org.jpcscd.ccid.emulator.CcidEmulator;
import org.jpcscd.ccid.emulator.ReaderProfile;
import org.jpcscd.ccid.emulator.SimCard;
import org.jpcscd.usb.api.UsbDevice;
import org.jpcscd.usb.api.UsbInfo;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built bundles in a real Felix with Declarative Services: they start on this machine, which
 * has no USB bus, and the driver follows USB devices appearing and leaving in the service registry.
 */
class DriverInFrameworkIT {

    @Test
    void usbBundleAndDriverStartWithoutUsb() throws Exception {
        try (FelixFramework felix = new FelixFramework(null)) {
            List<Bundle> bundles = new ArrayList<>();
            for (String id : List.of("slf4j-api", "slf4j-simple", "org.osgi.util.function", "org.osgi.util.promise",
                    "org.osgi.service.component", "org.apache.felix.scr", "commons-lang3", "jpcscd-wrap-usb4java",
                    "jpcscd-api", "jpcscd-usb")) {
                bundles.add(felix.install(id));
            }
            bundles.add(felix.installFile(new File(System.getProperty("it.driver"))));
            for (Bundle bundle : bundles) {
                if (bundle.getHeaders().get("Fragment-Host") == null) {
                    bundle.start();
                }
            }
            for (Bundle bundle : bundles) {
                assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName() + " is active");
            }
            // Both immediate components come up (SCR is asynchronous: wait for their registrations).
            EmulatedReaders.await("the USB manager and the CCID driver to activate",
                    () -> componentsActive(felix, "org.jpcscd.usb.libusb.UsbDeviceManager",
                            "org.jpcscd.driver.ccid.CcidDriver"));
            assertNull(felix.context().getServiceReferences("org.jpcscd.usb.api.UsbDevice", null),
                    "no USB devices here");
            assertNull(felix.context().getServiceReferences(IfdReader.class.getName(), null), "no readers here");
        }
    }

    @Test
    void readerFollowsItsUsbDeviceInTheServiceRegistry() throws Exception {
        // The system bundle exports the API packages so the test and the driver bundle share them.
        String shared = "org.jpcscd.api;version=1.0.0,org.jpcscd.api.ifd;version=1.0.0,"
                + "org.jpcscd.api.rm;version=1.0.0,org.jpcscd.usb.api;version=1.0.0,org.slf4j;version=1.7.36";
        try (FelixFramework felix = new FelixFramework(shared)) {
            List<Bundle> bundles = new ArrayList<>();
            for (String id : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
                    "org.apache.felix.scr")) {
                bundles.add(felix.install(id));
            }
            bundles.add(felix.installFile(new File(System.getProperty("it.driver"))));
            for (Bundle bundle : bundles) {
                bundle.start();
            }
            ServiceTracker<IfdReader, IfdReader> readers = new ServiceTracker<>(felix.context(), IfdReader.class, null);
            readers.open();

            CcidEmulator emulator = new CcidEmulator(ReaderProfile.tpdu().withIds(0x08E6, 0x3437, "4711"));
            emulator.insert(0, Cards.t1());
            ServiceRegistration<UsbDevice> plugged =
                    felix.context().registerService(UsbDevice.class, emulator, UsbInfo.properties(emulator));
            EmulatedReaders.await("the reader service", () -> readers.size() == 1);
            ServiceReference<IfdReader> reference = readers.getServiceReference();
            assertEquals("Gemalto PC Twin Reader (4711)", reference.getProperty(IfdReader.FRIENDLY_NAME));
            IfdReader reader = readers.getService();
            IfdSlot slot = reader.slots().get(0);
            assertArrayEquals(Cards.T1_ATR, slot.powerUp());
            slot.setProtocol(Pps.of(Protocol.T1));
            assertArrayEquals(Cards.okWith(SimCard.pattern(9)), slot.transmit(Protocol.T1, Cards.echo(9)));

            // A device that is not a CCID reader is left alone.
            CcidEmulator keyboardLike = new CcidEmulator(ReaderProfile.tpdu());
            var props = UsbInfo.properties(keyboardLike);
            props.put(UsbInfo.INTERFACE_CLASS, new String[] {"03"});
            ServiceRegistration<UsbDevice> other = felix.context().registerService(UsbDevice.class, keyboardLike, props);

            emulator.unplug();
            plugged.unregister();
            EmulatedReaders.await("the reader service to go", () -> readers.size() == 0);
            other.unregister();
            readers.close();
        }
    }

    private static boolean componentsActive(FelixFramework felix, String... names) {
        // SCR registers no service for these components; their bundles' log says so. Use the
        // ServiceComponentRuntime service to ask.
        try {
            ServiceReference<?> ref = felix.context()
                    .getServiceReference("org.osgi.service.component.runtime.ServiceComponentRuntime");
            if (ref == null) {
                return false;
            }
            Object scr = felix.context().getService(ref);
            java.lang.reflect.Method all = scr.getClass().getMethod("getComponentDescriptionDTOs", Bundle[].class);
            all.setAccessible(true);
            java.util.Collection<?> descriptions = (java.util.Collection<?>) all.invoke(scr, (Object) new Bundle[0]);
            int active = 0;
            java.lang.reflect.Method configs = null;
            for (Object description : descriptions) {
                String name = (String) description.getClass().getField("name").get(description);
                if (!List.of(names).contains(name)) {
                    continue;
                }
                if (configs == null) {
                    configs = scr.getClass().getMethod("getComponentConfigurationDTOs",
                            description.getClass());
                    configs.setAccessible(true);
                }
                for (Object config : (java.util.Collection<?>) configs.invoke(scr, description)) {
                    int state = config.getClass().getField("state").getInt(config);
                    if (state == 8) { // ComponentConfigurationDTO.ACTIVE
                        active++;
                    }
                }
            }
            return active == names.length;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
