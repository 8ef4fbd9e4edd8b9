package org.jpcscd.client.smartcardio.impl;

import java.util.Locale;

import org.jpcscd.api.Protocol;
import org.jpcscd.api.ShareMode;

/**
 * The protocol string of {@code CardTerminal.connect}: SunPCSC's {@code "T=0"}, {@code "T=1"},
 * {@code "*"}, {@code "DIRECT"}, optionally preceded by a share mode and a semicolon:
 * {@code "EXCLUSIVE;T=1"}, {@code "SHARED;*"}.
 */
record ConnectSpec(ShareMode shareMode, int protocols) {
    static ConnectSpec parse(String spec) {
        if (spec == null) {
            throw new NullPointerException("protocol");
        }
        ShareMode mode = ShareMode.SHARED;
        String protocol = spec.trim();
        int semicolon = protocol.indexOf(';');
        if (semicolon >= 0) {
            String prefix = protocol.substring(0, semicolon).trim().toUpperCase(Locale.ROOT);
            protocol = protocol.substring(semicolon + 1).trim();
            try {
                mode = ShareMode.valueOf(prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unsupported share mode " + prefix + " in " + spec);
            }
        }
        if (protocol.equalsIgnoreCase("DIRECT")) {
            return new ConnectSpec(ShareMode.DIRECT, 0);
        }
        int mask;
        if (protocol.equals("*")) {
            mask = Protocol.ANY_MASK;
        } else if (protocol.equalsIgnoreCase("T=0")) {
            mask = Protocol.T0.mask();
        } else if (protocol.equalsIgnoreCase("T=1")) {
            mask = Protocol.T1.mask();
        } else {
            throw new IllegalArgumentException("Unsupported protocol " + spec);
        }
        return new ConnectSpec(mode, mode == ShareMode.DIRECT ? 0 : mask);
    }
}
