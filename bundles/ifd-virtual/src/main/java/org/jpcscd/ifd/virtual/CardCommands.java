package org.jpcscd.ifd.virtual;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gogo commands {@code card:insert} and {@code card:remove}: card events on demand, for people and for
 * tests.
 *
 * <p>The command properties are spelled out rather than taken from Gogo's {@code @GogoCommand}, whose
 * requirement on the Gogo runtime would stop this driver from resolving in a daemon without a shell.
 */
@Component(service = CardCommands.class, property = {
    "osgi.command.scope=card",
    "osgi.command.function=insert",
    "osgi.command.function=remove"
})
public class CardCommands {
    private static final Logger LOG = LoggerFactory.getLogger(CardCommands.class);

    private final VirtualReaders readers;

    @Activate
    public CardCommands(@Reference VirtualReaders readers) {
        this.readers = readers;
    }

    @Descriptor("insert a fresh card (new simulator, demo applet) into a virtual reader")
    public String insert(@Descriptor("reader index (0 = first) or PC/SC reader name, e.g. \"jpcscd Virtual Reader 00 00\"") String reader) {
        VirtualReader target = find(reader);
        if (!target.slot().insertCard()) {
            return describe(target) + " already holds a card";
        }
        LOG.info("card inserted into {} from the shell", target);
        return "card inserted into " + describe(target);
    }

    @Descriptor("pull the card out of a virtual reader; its state is lost")
    public String remove(@Descriptor("reader index (0 = first) or PC/SC reader name, e.g. \"jpcscd Virtual Reader 00 00\"") String reader) {
        VirtualReader target = find(reader);
        if (!target.slot().removeCard()) {
            return describe(target) + " holds no card";
        }
        LOG.info("card removed from {} from the shell", target);
        return "card removed from " + describe(target);
    }

    private VirtualReader find(String argument) {
        return readers.find(argument).orElseThrow(() -> new IllegalArgumentException(
                "no virtual reader '" + argument + "'; there are " + readers.readers().size()
                        + ", give an index from 0 or a name like \"" + ReaderNames.pcscName(nameOrDefault(), 0) + "\""));
    }

    private String nameOrDefault() {
        var all = readers.readers();
        return all.isEmpty() ? "jpcscd Virtual Reader" : all.get(0).friendlyName();
    }

    private static String describe(VirtualReader reader) {
        return "reader " + reader.slot().readerIndex() + " (" + ReaderNames.pcscName(reader.friendlyName(), reader.slot().readerIndex()) + ")";
    }
}
