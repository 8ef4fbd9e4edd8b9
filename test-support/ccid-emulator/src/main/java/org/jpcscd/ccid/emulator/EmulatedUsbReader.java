package org.jpcscd.ccid.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import org.jpcscd.usb.api.UsbDevice;
import org.jpcscd.usb.api.UsbInfo;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Plugs an emulated CCID reader into a running daemon for as long as its configuration exists:
 * the reader appears as a UsbDevice service, exactly as the usb bundle would publish a real one.
 * Changing {@code card} inserts or removes the card (with NotifySlotChange); deleting the
 * configuration unplugs the reader.
 */
@Component(configurationPid = EmulatedUsbReader.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EmulatedUsbReader.Config.class)
public class EmulatedUsbReader {
    static final String PID = "org.jpcscd.ccid.emulator";
    /** T=1, IFSC 254, BWI 4 / CWI 5. */
    static final byte[] T1_ATR = HexFormat.of().parseHex("3B80813 1FE458B".replace(" ", ""));

    @ObjectClassDefinition(name = "jpcscd emulated CCID reader (tests only)")
    public @interface Config {
        @AttributeDefinition(description = "Exchange level: tpdu, short or extended")
        String level() default "tpdu";

        @AttributeDefinition(description = "Whether a card is in the slot")
        boolean card() default true;

        @AttributeDefinition(description = "iSerialNumber of the emulated device")
        String serial() default "EMU0001";

        @AttributeDefinition(description = "If set, each insertion/removal appends 'insert|remove <nanoTime>'"
                + " to this file: the moment its NotifySlotChange was queued, for latency benchmarks")
        String stampFile() default "";
    }

    private CcidEmulator emulator;
    private ServiceRegistration<UsbDevice> registration;
    private boolean cardIn;
    private String stampFile = "";

    @Activate
    void activate(BundleContext context, Config config) {
        ReaderProfile profile = switch (config.level()) {
            case "short" -> ReaderProfile.shortApdu();
            case "extended" -> ReaderProfile.extendedApdu();
            default -> ReaderProfile.tpdu();
        };
        emulator = new CcidEmulator(profile.withIds(profile.vendorId(), profile.productId(), config.serial()));
        stampFile = config.stampFile();
        applyCard(config.card());
        registration = context.registerService(UsbDevice.class, emulator, UsbInfo.properties(emulator));
    }

    @Modified
    void modified(Config config) {
        stampFile = config.stampFile();
        applyCard(config.card());
    }

    @Deactivate
    void deactivate() {
        emulator.unplug();
        registration.unregister();
    }

    private void applyCard(boolean wanted) {
        if (wanted && !cardIn) {
            emulator.insert(0, new SimCard(T1_ATR));
            stamp("insert");
        } else if (!wanted && cardIn) {
            emulator.remove(0);
            stamp("remove");
        }
        cardIn = wanted;
    }

    /** Written after the event is queued, so the file write is not part of what is measured. */
    private void stamp(String event) {
        if (stampFile.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(stampFile), event + " " + emulator.lastNotifyNanos() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stamp file " + stampFile, e);
        }
    }
}
