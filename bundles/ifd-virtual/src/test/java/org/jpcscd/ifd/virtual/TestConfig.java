package org.jpcscd.ifd.virtual;

import java.lang.annotation.Annotation;

/** A {@link VirtualReaderConfig} as DS would build it from Config Admin properties. */
record TestConfig(int readers, boolean card_inserted, String friendly_name, int[] cards_absent)
        implements VirtualReaderConfig {

    static TestConfig defaults() {
        return new TestConfig(1, true, "jpcscd Virtual Reader", new int[0]);
    }

    TestConfig withReaders(int count) {
        return new TestConfig(count, card_inserted, friendly_name, cards_absent);
    }

    TestConfig withCardInserted(boolean inserted) {
        return new TestConfig(readers, inserted, friendly_name, cards_absent);
    }

    TestConfig withName(String name) {
        return new TestConfig(readers, card_inserted, name, cards_absent);
    }

    TestConfig withCardsAbsent(int... indexes) {
        return new TestConfig(readers, card_inserted, friendly_name, indexes);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return VirtualReaderConfig.class;
    }
}
