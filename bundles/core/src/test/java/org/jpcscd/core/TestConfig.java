package org.jpcscd.core;

import java.lang.annotation.Annotation;

/** A configuration as Config Admin would hand it to the component; fields settable by tests. */
final class TestConfig implements CoreConfig {
    long pollingMillis = 20;
    int handlesPerContext = 200;
    int handlesPerReader = 200;
    int readerSlots = 16;
    int contexts = 200;

    @Override
    public long polling_period_ms() {
        return pollingMillis;
    }

    @Override
    public int max_handles_per_context() {
        return handlesPerContext;
    }

    @Override
    public int max_handles_per_reader() {
        return handlesPerReader;
    }

    @Override
    public int max_reader_slots() {
        return readerSlots;
    }

    @Override
    public int max_contexts() {
        return contexts;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return CoreConfig.class;
    }
}
