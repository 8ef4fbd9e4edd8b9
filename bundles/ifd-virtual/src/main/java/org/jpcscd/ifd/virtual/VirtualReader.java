package org.jpcscd.ifd.virtual;

import java.util.List;
import org.jpcscd.api.ifd.CardEventListener;
import org.jpcscd.api.ifd.IfdReader;

/** A one-slot reader without hardware; it reports card events as they are made. */
final class VirtualReader implements IfdReader {
    private final String friendlyName;
    private final VirtualSlot slot;
    private volatile CardEventListener listener;

    VirtualReader(String friendlyName, VirtualSlot slot) {
        this.friendlyName = friendlyName;
        this.slot = slot;
        slot.setOwner(this);
    }

    VirtualSlot slot() {
        return slot;
    }

    @Override
    public String friendlyName() {
        return friendlyName;
    }

    @Override
    public List<VirtualSlot> slots() {
        return List.of(slot);
    }

    @Override
    public boolean reportsCardEvents() {
        return true;
    }

    @Override
    public void setCardEventListener(CardEventListener listener) {
        this.listener = listener;
    }

    void cardEvent(VirtualSlot changed) {
        CardEventListener current = listener;
        if (current != null) {
            current.cardEvent(changed);
        }
    }

    @Override
    public String toString() {
        return friendlyName + " #" + slot.readerIndex();
    }
}
