package org.jpcscd.driver.ccid;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jpcscd.api.ifd.IfdException;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.ifd.IfdResponseCode;
import org.jpcscd.usb.api.UsbDevice;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic CCID driver: takes every USB device with a CCID interface (class 0x0B, or a listed
 * vendor-class reader carrying the CCID descriptor) and registers one {@link IfdReader} service per
 * reader, unregistering it when the device goes away.
 */
@Component(immediate = true, configurationPid = CcidDriver.PID)
@Designate(ocd = CcidDriver.Config.class)
public class CcidDriver {
    static final String PID = "org.jpcscd.driver.ccid";
    /** Service property naming the driver that registered a reader. */
    static final String DRIVER_PROPERTY = "ifd.driver";
    private static final Logger LOG = LoggerFactory.getLogger(CcidDriver.class);

    @ObjectClassDefinition(name = "jpcscd CCID driver")
    public @interface Config {
        @AttributeDefinition(description = "Let SCardControl send vendor escape commands to readers (libccid's ifdDriverOptions 0x01)")
        boolean allowEscape() default false;

        @AttributeDefinition(description = "How long one read of a reader's interrupt pipe waits, in ms; closing a reader may take this long")
        long interruptReadMillis() default 2000;
    }

    private final SupportedReaders supported = SupportedReaders.load();
    private final Map<UsbDevice, Entry> entries = new HashMap<>();
    private ExecutorService opener;
    private BundleContext bundleContext;
    private volatile Config config;

    /** A device we took, and what became of it. */
    private static final class Entry {
        CcidReader reader;
        ServiceRegistration<IfdReader> registration;
        boolean gone;
    }

    @Activate
    void activate(BundleContext bundleContext, Config config) {
        this.bundleContext = bundleContext;
        this.config = config;
        this.opener = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ccid-open");
            thread.setDaemon(true);
            return thread;
        });
        LOG.debug("CCID driver knows {} readers by id", supported.size());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        opener.shutdownNow();
        opener.awaitTermination(5, TimeUnit.SECONDS);
        List<UsbDevice> devices;
        synchronized (entries) {
            devices = List.copyOf(entries.keySet());
        }
        devices.forEach(this::release);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(|(usbinfo.bInterfaceClass=0b)(usbinfo.bInterfaceClass=ff))")
    void bindDevice(UsbDevice device) {
        Optional<CcidInterface> ccid = CcidInterface.find(device);
        if (ccid.isEmpty()) {
            return;
        }
        int vendor = device.info().vendorId();
        int product = device.info().productId();
        boolean listed = supported.contains(vendor, product);
        if (ccid.get().usbInterface().interfaceClass() != CcidInterface.CLASS_CCID && !listed) {
            return; // a vendor-class device we do not know: not ours
        }
        Entry entry = new Entry();
        synchronized (entries) {
            entries.put(device, entry);
        }
        // Opening talks to the device for up to seconds: never in the binding thread.
        opener.execute(() -> open(device, ccid.get(), entry));
    }

    void unbindDevice(UsbDevice device) {
        release(device);
    }

    private void open(UsbDevice device, CcidInterface ccid, Entry entry) {
        String name = ReaderNames.build(
                supported.name(device.info().vendorId(), device.info().productId()).orElse(null), device.info(),
                ccid.usbInterface().name());
        CcidReader reader;
        try {
            reader = CcidReader.open(device, ccid, name, config.allowEscape(),
                    java.time.Duration.ofMillis(config.interruptReadMillis()), () -> release(device));
        } catch (IfdException e) {
            if (e.code() == IfdResponseCode.NO_SUCH_DEVICE) {
                LOG.debug("{} left before it could be opened", name);
            } else {
                LOG.warn("Cannot use reader {}: {}", name, e.getMessage());
            }
            synchronized (entries) {
                entries.remove(device, entry);
            }
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(IfdReader.FRIENDLY_NAME, name);
        props.put(IfdReader.DEVICE_NAME, device.info().deviceName(ccid.usbInterface().number()));
        props.put(DRIVER_PROPERTY, PID);
        synchronized (entries) {
            if (entry.gone) {
                reader.close();
                return;
            }
            entry.reader = reader;
            entry.registration = bundleContext.registerService(IfdReader.class, reader, props);
        }
        LOG.info("Reader {} ready ({} slot(s), {})", name, reader.slots().size(),
                reader.reportsCardEvents() ? "card events from the interrupt pipe" : "presence polled");
    }

    /** The device left (service gone or dead pipe): stop using it and withdraw its reader. */
    private void release(UsbDevice device) {
        Entry entry;
        synchronized (entries) {
            entry = entries.remove(device);
            if (entry == null) {
                return;
            }
            entry.gone = true;
        }
        if (entry.reader != null) {
            entry.reader.deviceRemoved();
            try {
                entry.registration.unregister();
            } catch (IllegalStateException alreadyUnregistered) {
                // the framework got there first while stopping
            }
            entry.reader.close();
            LOG.info("Reader {} removed", entry.reader.friendlyName());
        }
    }
}
