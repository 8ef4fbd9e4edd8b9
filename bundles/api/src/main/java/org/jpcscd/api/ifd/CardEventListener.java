package org.jpcscd.api.ifd;

/**
 * How a driver tells the core that a slot's card may have come or gone, instead of being polled.
 * The core then asks {@link IfdSlot#isCardPresent()}; spurious calls are harmless.
 */
@FunctionalInterface
public interface CardEventListener {
    void cardEvent(IfdSlot slot);
}
