package org.jpcscd.core;

import java.time.Duration;

/** The configured limits and polling period, as one immutable value swapped on reconfiguration. */
record Limits(Duration pollingPeriod, int handlesPerContext, int handlesPerReader, int readerSlots, int contexts) {
    static final Limits PCSCD_DEFAULTS = new Limits(Duration.ofMillis(400), 200, 200, 16, 200);

    static Limits from(CoreConfig config) {
        return new Limits(
                Duration.ofMillis(Math.max(10, config.polling_period_ms())),
                Math.max(1, config.max_handles_per_context()),
                Math.max(1, config.max_handles_per_reader()),
                Math.max(1, config.max_reader_slots()),
                Math.max(1, config.max_contexts()));
    }
}
