package org.jpcscd.ifd.virtual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.ifd.virtual.card.IsolatedCardLoader;
import org.jpcscd.ifd.virtual.card.SimulatedCard;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the configured number of virtual readers, one {@link IfdReader} service each, and keeps
 * them across configuration changes: a change adds or removes readers at the end only, so the core
 * keeps its handles on the others and their cards keep their state.
 *
 * <p>The reader services are registered through the bundle context rather than as DS components
 * because their number is itself configuration; the bundle declares the capability so resolvers and
 * the shell know it provides readers even while it publishes none.
 */
@Component(configurationPid = VirtualReaderConfig.PID, service = VirtualReaders.class, immediate = true)
@Designate(ocd = VirtualReaderConfig.class)
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=\"org.jpcscd.api.ifd.IfdReader\"",
        uses = IfdReader.class)
public class VirtualReaders {
    /** Service property: the reader's index within this driver, from 0. */
    public static final String INDEX_PROPERTY = "jpcscd.virtual.index";

    private static final Logger LOG = LoggerFactory.getLogger(VirtualReaders.class);

    private final List<Published> readers = new ArrayList<>();
    private BundleContext bundleContext;
    private Supplier<SimulatedCard> cardFactory;
    private String friendlyName;
    private Set<Integer> absent = Set.of();

    /** A reader and its registration; the registration is null outside OSGi (tests). */
    private record Published(VirtualReader reader, ServiceRegistration<IfdReader> registration) {
    }

    public VirtualReaders() {
    }

    /** For tests: cards come from {@code cardFactory}, e.g. one that counts the cards it makes. */
    VirtualReaders(Supplier<SimulatedCard> cardFactory) {
        this.cardFactory = cardFactory;
    }

    @Activate
    synchronized void activate(BundleContext context, VirtualReaderConfig config) {
        bundleContext = context;
        if (cardFactory == null) {
            IsolatedCardLoader loader = new IsolatedCardLoader(VirtualReaders.class.getClassLoader());
            cardFactory = loader::newCard;
        }
        apply(config);
    }

    @Modified
    synchronized void modified(VirtualReaderConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        while (!readers.isEmpty()) {
            unpublishLast();
        }
    }

    /** The readers in index order. */
    synchronized List<VirtualReader> readers() {
        return readers.stream().map(Published::reader).toList();
    }

    /** The reader {@code argument} names (index or PC/SC name), if any. */
    synchronized Optional<VirtualReader> find(String argument) {
        OptionalInt index = ReaderNames.find(argument, friendlyName, readers.size());
        return index.isPresent() ? Optional.of(readers.get(index.getAsInt()).reader()) : Optional.empty();
    }

    private void apply(VirtualReaderConfig config) {
        int wanted = Math.max(0, Math.min(config.readers(), VirtualReaderConfig.MAX_READERS));
        if (wanted != config.readers()) {
            LOG.warn("{} virtual readers asked for; publishing {} (0 to {} are possible)",
                    config.readers(), wanted, VirtualReaderConfig.MAX_READERS);
        }
        int[] absentIndexes = config.cards_absent() == null ? new int[0] : config.cards_absent();
        Set<Integer> newAbsent = Arrays.stream(absentIndexes).boxed().collect(Collectors.toUnmodifiableSet());
        rename(config.friendly_name());
        int existing = Math.min(readers.size(), wanted);
        while (readers.size() > wanted) {
            unpublishLast();
        }
        while (readers.size() < wanted) {
            int index = readers.size();
            boolean inserted = config.card_inserted() && !newAbsent.contains(index);
            publish(new VirtualReader(friendlyName, new VirtualSlot(index, cardFactory, inserted)));
        }
        for (int index = 0; index < existing; index++) {
            VirtualSlot slot = readers.get(index).reader().slot();
            if (newAbsent.contains(index)) {
                slot.removeCard();
            } else if (absent.contains(index)) {
                slot.insertCard();
            }
        }
        absent = newAbsent;
        LOG.info("{} virtual reader(s) named '{}', cards absent from {}", wanted, friendlyName, newAbsent);
    }

    /** A new name means new reader services; the slots (and so the cards) carry over. */
    private void rename(String newName) {
        if (newName.equals(friendlyName)) {
            return;
        }
        friendlyName = newName;
        List<VirtualSlot> slots = new ArrayList<>();
        while (!readers.isEmpty()) {
            slots.add(0, readers.get(readers.size() - 1).reader().slot());
            unpublishLast();
        }
        for (VirtualSlot slot : slots) {
            publish(new VirtualReader(newName, slot));
        }
    }

    private void publish(VirtualReader reader) {
        ServiceRegistration<IfdReader> registration = null;
        if (bundleContext != null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(IfdReader.FRIENDLY_NAME, reader.friendlyName());
            properties.put(IfdReader.DEVICE_NAME, "virtual:" + reader.slot().readerIndex());
            properties.put(INDEX_PROPERTY, reader.slot().readerIndex());
            registration = bundleContext.registerService(IfdReader.class, reader, properties);
        }
        readers.add(new Published(reader, registration));
    }

    private void unpublishLast() {
        Published last = readers.remove(readers.size() - 1);
        if (last.registration() != null) {
            try {
                last.registration().unregister();
            } catch (IllegalStateException alreadyGone) {
                // The framework unregisters a stopping bundle's services itself.
            }
        }
    }
}
