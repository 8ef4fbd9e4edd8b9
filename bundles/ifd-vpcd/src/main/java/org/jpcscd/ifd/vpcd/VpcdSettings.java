package org.jpcscd.ifd.vpcd;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The validated form of {@link VpcdConfig}.
 *
 * @param bindAddress where the slots listen
 * @param port port of slot 0 (slot n uses port + n), or 0 for a free port per slot
 * @param slots number of slots
 * @param responseTimeout how long a card may take to answer
 */
record VpcdSettings(InetAddress bindAddress, int port, int slots, Duration responseTimeout) {
    static final int MAX_SLOTS = 16;

    VpcdSettings {
        if (slots < 1 || slots > MAX_SLOTS) {
            throw new IllegalArgumentException("slots must be 1.." + MAX_SLOTS + ", not " + slots);
        }
        if (port < 0 || (port > 0 && port + slots - 1 > 65535)) {
            throw new IllegalArgumentException("port " + port + " with " + slots + " slots is out of range");
        }
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("response timeout must be positive");
        }
    }

    static VpcdSettings from(VpcdConfig config) {
        try {
            return new VpcdSettings(InetAddress.getByName(config.bind_address()), config.port(), config.slots(),
                    Duration.ofMillis(config.response_timeout_ms()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind.address " + config.bind_address() + " is not an address", e);
        }
    }

    /** The port slot {@code index} listens on; 0 means "any free port". */
    int portOf(int index) {
        return port == 0 ? 0 : port + index;
    }
}
