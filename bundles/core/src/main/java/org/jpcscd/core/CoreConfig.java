package org.jpcscd.core;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the resource manager, PID {@code org.jpcscd.core}. Defaults are pcscd's.
 * Property keys: {@code polling.period.ms}, {@code max.handles.per.context},
 * {@code max.handles.per.reader}, {@code max.reader.slots}, {@code max.contexts}.
 */
@ObjectClassDefinition(
        name = "jpcscd resource manager",
        description = "Card presence polling and pcscd's limits on contexts, handles and readers.")
public @interface CoreConfig {
    @AttributeDefinition(
            name = "Presence polling period (ms)",
            description = "How often readers that do not report card events are asked for card presence "
                    + "(pcscd's PCSCLITE_STATUS_POLL_RATE).",
            min = "10")
    long polling_period_ms() default 400;

    @AttributeDefinition(
            name = "Card handles per context",
            description = "SCardConnect beyond this answers SCARD_E_NO_MEMORY (pcscd -s).",
            min = "1")
    int max_handles_per_context() default 200;

    @AttributeDefinition(
            name = "Card handles per reader",
            description = "SCardConnect beyond this answers SCARD_F_INTERNAL_ERROR (pcscd -r).",
            min = "1")
    int max_handles_per_reader() default 200;

    @AttributeDefinition(
            name = "Reader slots",
            description = "Entries of the reader-state array; a reader slot beyond this is not added.",
            min = "1")
    int max_reader_slots() default 16;

    @AttributeDefinition(
            name = "Contexts",
            description = "Live contexts of all clients together; SCardEstablishContext beyond this answers "
                    + "SCARD_E_NO_MEMORY (pcscd -t limits connections, one context each).",
            min = "1")
    int max_contexts() default 200;
}
