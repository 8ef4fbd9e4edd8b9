package org.jpcscd.usb.libusb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jpcscd.usb.api.UsbDevice;
import org.jpcscd.usb.api.UsbException;
import org.jpcscd.usb.api.UsbInfo;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceList;
import org.usb4java.HotplugCallbackHandle;
import org.usb4java.LibUsb;

/**
 * Watches the USB bus through libusb and keeps one {@link UsbDevice} service registered per
 * attached device: libusb hotplug callbacks where the platform has them, a periodic scan elsewhere.
 * Without a USB bus (containers, CI) it says so once and stays idle.
 */
@Component(immediate = true, configurationPid = UsbDeviceManager.PID)
@Designate(ocd = UsbDeviceManager.Config.class)
public class UsbDeviceManager {
    static final String PID = "org.jpcscd.usb";
    private static final Logger LOG = LoggerFactory.getLogger(UsbDeviceManager.class);

    @ObjectClassDefinition(name = "jpcscd USB devices", description = "How attached USB devices are discovered")
    public @interface Config {
        @AttributeDefinition(description = "Where usbfs device nodes live; without it there is no USB bus to watch")
        String usbfsPath() default "/dev/bus/usb";

        @AttributeDefinition(description = "Scan interval in ms when libusb has no hotplug support")
        long scanIntervalMillis() default 1000;
    }

    private final Map<String, Registered> devices = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> hotplugEvents = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private BundleContext bundleContext;
    private Config config;
    private Thread watcher;

    private record Registered(LibUsbDevice device, ServiceRegistration<UsbDevice> registration) {
    }

    @Activate
    void activate(BundleContext bundleContext, Config config) {
        this.bundleContext = bundleContext;
        this.config = config;
        if (!Files.isDirectory(Path.of(config.usbfsPath()))) {
            LOG.info("No USB bus on this machine ({} is missing): USB readers will not be available",
                    config.usbfsPath());
            return;
        }
        watcher = new Thread(this::watch, "jpcscd-usb-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stop.countDown();
        if (watcher != null) {
            watcher.join(5000);
        }
    }

    /** True while libusb is running and the bus is watched. */
    boolean watching() {
        return watcher != null && watcher.isAlive();
    }

    private void watch() {
        Context context = new Context();
        try {
            int result = LibUsb.init(context);
            if (result != LibUsb.SUCCESS) {
                LOG.warn("libusb did not start ({}): USB readers will not be available", LibUsb.errorName(result));
                return;
            }
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("libusb is not usable here ({}): USB readers will not be available", e.toString());
            return;
        }
        try {
            if (LibUsb.hasCapability(LibUsb.CAP_HAS_HOTPLUG)) {
                watchWithHotplug(context);
            } else {
                LOG.info("libusb has no hotplug support here: scanning every {} ms", config.scanIntervalMillis());
                watchByScanning(context);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (devices) {
                devices.values().forEach(UsbDeviceManager::unregister);
                devices.clear();
            }
            LibUsb.exit(context);
        }
    }

    private void watchWithHotplug(Context context) throws InterruptedException {
        HotplugCallbackHandle handle = new HotplugCallbackHandle();
        // libusb forbids synchronous I/O inside the callback, so arrivals are only queued there.
        int result = LibUsb.hotplugRegisterCallback(context,
                LibUsb.HOTPLUG_EVENT_DEVICE_ARRIVED | LibUsb.HOTPLUG_EVENT_DEVICE_LEFT, LibUsb.HOTPLUG_ENUMERATE,
                LibUsb.HOTPLUG_MATCH_ANY, LibUsb.HOTPLUG_MATCH_ANY, LibUsb.HOTPLUG_MATCH_ANY,
                (ctx, device, event, userData) -> {
                    if (event == LibUsb.HOTPLUG_EVENT_DEVICE_ARRIVED) {
                        Device held = LibUsb.refDevice(device);
                        hotplugEvents.add(() -> {
                            arrived(held);
                            LibUsb.unrefDevice(held);
                        });
                    } else {
                        String key = LibUsb.getBusNumber(device) + ":" + LibUsb.getDeviceAddress(device);
                        hotplugEvents.add(() -> left(key));
                    }
                    return 0;
                }, null, handle);
        if (result != LibUsb.SUCCESS) {
            LOG.warn("libusb hotplug registration failed ({}): scanning instead", LibUsb.errorName(result));
            watchByScanning(context);
            return;
        }
        LOG.info("Watching the USB bus through libusb hotplug events");
        try {
            while (stop.getCount() > 0) {
                drainHotplugEvents();
                LibUsb.handleEventsTimeout(context, 250_000);
            }
        } finally {
            LibUsb.hotplugDeregisterCallback(context, handle);
        }
    }

    private void drainHotplugEvents() {
        for (Runnable event; (event = hotplugEvents.poll()) != null;) {
            event.run();
        }
    }

    private void watchByScanning(Context context) throws InterruptedException {
        do {
            DeviceList list = new DeviceList();
            int count = LibUsb.getDeviceList(context, list);
            if (count < 0) {
                LOG.warn("libusb cannot list devices ({})", LibUsb.errorName(count));
                continue;
            }
            try {
                Set<String> present = new HashSet<>();
                for (Device device : list) {
                    String key = LibUsb.getBusNumber(device) + ":" + LibUsb.getDeviceAddress(device);
                    present.add(key);
                    boolean known;
                    synchronized (devices) {
                        known = devices.containsKey(key);
                    }
                    if (!known) {
                        arrived(device);
                    }
                }
                List<String> gone;
                synchronized (devices) {
                    gone = new ArrayList<>(devices.keySet());
                }
                gone.removeAll(present);
                gone.forEach(this::left);
            } finally {
                LibUsb.freeDeviceList(list, true);
            }
        } while (!stop.await(config.scanIntervalMillis(), TimeUnit.MILLISECONDS));
    }

    private void arrived(Device device) {
        LibUsbDevice usbDevice;
        try {
            usbDevice = LibUsbDevice.read(device);
        } catch (UsbException e) {
            LOG.warn("Cannot read the descriptors of USB device {}:{}: {}", LibUsb.getBusNumber(device),
                    LibUsb.getDeviceAddress(device), e.getMessage());
            return;
        }
        ServiceRegistration<UsbDevice> registration =
                bundleContext.registerService(UsbDevice.class, usbDevice, UsbInfo.properties(usbDevice));
        synchronized (devices) {
            Registered previous = devices.put(usbDevice.key(), new Registered(usbDevice, registration));
            if (previous != null) {
                unregister(previous);
            }
        }
        LOG.debug("USB device {} arrived: {}", usbDevice.key(), usbDevice.info());
    }

    private void left(String key) {
        Registered registered;
        synchronized (devices) {
            registered = devices.remove(key);
        }
        if (registered != null) {
            unregister(registered);
            LOG.debug("USB device {} left", key);
        }
    }

    private static void unregister(Registered registered) {
        try {
            registered.registration().unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping and unregistered it first
        }
        registered.device().dispose();
    }
}
