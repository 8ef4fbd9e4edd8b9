package org.jpcscd.ifd.virtual;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin PID {@value #PID}: how many virtual readers there are and which of them hold a card. */
@ObjectClassDefinition(
        id = VirtualReaderConfig.PID,
        name = "jpcscd virtual readers",
        description = "Simulated readers without hardware, each holding a jCardSim Java Card with the jpcscd demo applet."
                + " Changes apply live: readers are added or removed at the end, the others keep their cards.")
public @interface VirtualReaderConfig {
    String PID = "org.jpcscd.ifd.virtual";

    /** pcsc-lite's PCSCLITE_MAX_READERS_CONTEXTS: more readers than that no client could see. */
    int MAX_READERS = 16;

    @AttributeDefinition(name = "Number of readers", min = "0", max = "16",
            description = "How many virtual readers to publish. Lowering it removes the last readers; raising it adds new ones.")
    int readers() default 1;

    @AttributeDefinition(name = "Card inserted at start",
            description = "Whether a reader holds a card when it is created (at start, or when 'readers' grows).")
    boolean card_inserted() default true;

    @AttributeDefinition(name = "Reader name",
            description = "The readers' name; the daemon appends ' 00 00', ' 01 00', ... to tell them apart."
                    + " Renaming re-publishes every reader, keeping their cards.")
    String friendly_name() default "jpcscd Virtual Reader";

    @AttributeDefinition(name = "Readers without a card", min = "0", max = "15", cardinality = MAX_READERS, required = false,
            description = "Reader indexes (0 = first reader) whose card is pulled out. Each configuration update removes"
                    + " the card from every reader listed here and inserts a fresh card into every reader that was listed"
                    + " before and no longer is. Readers mentioned in neither list keep their state, so card:insert and"
                    + " card:remove from the shell stand until the configuration names that reader again.")
    // No default: metatype has no way to write an empty list as an Integer default. DS gives null or an
    // empty array for a missing array property depending on the implementation, so readers accept both.
    int[] cards_absent();
}
