package org.jpcscd.ifd.vpcd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jpcscd.api.ifd.CardEventListener;
import org.jpcscd.api.ifd.IfdReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Virtual PCD" reader of vsmartcard, as Debian's libifdvpcd gives it to pcscd: one reader whose
 * slots each listen on a TCP port (35963, 35964, ...) for a virtual-card process. With the core's
 * naming the slots appear as "Virtual PCD 00 00", "Virtual PCD 00 01", as under pcscd.
 *
 * <p>Deviation from libifdvpcd: it listens on all addresses; this reader listens on loopback unless
 * configured otherwise, because whoever connects plays a card to every client.
 */
@Component(service = IfdReader.class, configurationPid = VpcdConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = IfdReader.FRIENDLY_NAME + "=" + VpcdReader.FRIENDLY_NAME)
@Designate(ocd = VpcdConfig.class)
public final class VpcdReader implements IfdReader, AutoCloseable {
    static final String FRIENDLY_NAME = "Virtual PCD";
    private static final Logger LOG = LoggerFactory.getLogger(VpcdReader.class);

    private final List<VpcdSlot> slots;
    private final List<SlotWatcher> watchers;
    private volatile CardEventListener listener;

    @Activate
    public VpcdReader(VpcdConfig config) throws IOException {
        this(VpcdSettings.from(config));
    }

    VpcdReader(VpcdSettings settings) throws IOException {
        List<VpcdSlot> newSlots = new ArrayList<>();
        List<SlotWatcher> newWatchers = new ArrayList<>();
        try {
            for (int i = 0; i < settings.slots(); i++) {
                VpcdSlot slot = new VpcdSlot(i, settings.responseTimeout());
                newWatchers.add(new SlotWatcher(slot,
                        new InetSocketAddress(settings.bindAddress(), settings.portOf(i)), () -> notifyCore(slot)));
                newSlots.add(slot);
            }
        } catch (IOException | RuntimeException e) {
            newWatchers.forEach(SlotWatcher::close);
            throw e;
        }
        slots = List.copyOf(newSlots);
        watchers = List.copyOf(newWatchers);
        watchers.forEach(SlotWatcher::start);
    }

    @Override
    public String friendlyName() {
        return FRIENDLY_NAME;
    }

    @Override
    public List<VpcdSlot> slots() {
        return slots;
    }

    /** Each slot has its own connection and lock. */
    @Override
    public boolean slotsAreIndependent() {
        return true;
    }

    @Override
    public boolean reportsCardEvents() {
        return true;
    }

    /** Also reports every slot once, so a listener installed after a card connected learns of it. */
    @Override
    public void setCardEventListener(CardEventListener newListener) {
        listener = newListener;
        if (newListener != null) {
            slots.forEach(this::notifyCore);
        }
    }

    /** Where slot {@code index} listens (its port is chosen by the system when configured as 0). */
    InetSocketAddress address(int index) {
        return watchers.get(index).localAddress();
    }

    private void notifyCore(VpcdSlot slot) {
        CardEventListener current = listener;
        if (current == null) {
            return;
        }
        try {
            current.cardEvent(slot);
        } catch (RuntimeException e) {
            LOG.warn("{}: card event listener failed: {}", slot.name(), e.toString());
        }
    }

    @Deactivate
    @Override
    public void close() {
        watchers.forEach(SlotWatcher::close);
    }
}
