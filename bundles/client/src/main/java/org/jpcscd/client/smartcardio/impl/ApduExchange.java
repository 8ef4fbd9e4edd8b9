package org.jpcscd.client.smartcardio.impl;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import javax.smartcardio.CardException;

import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardException;

/**
 * The APDU-level work SunPCSC does around {@code SCardTransmit}, with its switches:
 * {@code 61xx} answered by GET RESPONSE (T=0 unless {@code sun.security.smartcardio.t0GetResponse}
 * is false, T=1 unless {@code t1GetResponse} is false), {@code 6Cxx} by resending with Le = xx, and
 * Le stripped from case-4 T=1 commands when {@code t1StripLe} is true.
 */
final class ApduExchange {
    /** One raw exchange with the card. */
    interface Link {
        byte[] transmit(byte[] apdu) throws ScardException;
    }

    /** The switches, read once like SunPCSC does. */
    record Switches(boolean t0GetResponse, boolean t1GetResponse, boolean t1StripLe) {
        static Switches fromSystemProperties() {
            return new Switches(flag("sun.security.smartcardio.t0GetResponse", true),
                    flag("sun.security.smartcardio.t1GetResponse", true),
                    flag("sun.security.smartcardio.t1StripLe", false));
        }

        private static boolean flag(String name, boolean otherwise) {
            String value = System.getProperty(name);
            return value == null ? otherwise : Boolean.parseBoolean(value);
        }
    }

    static final Switches DEFAULT = Switches.fromSystemProperties();
    private static final int MAX_ROUNDS = 32;

    private ApduExchange() {
    }

    static byte[] exchange(Link link, int protocol, byte[] apdu, Switches switches) throws ScardException, CardException {
        byte[] command = apdu.clone();
        if (switches.t1StripLe() && protocol == Protocol.T1.mask()) {
            command = stripLe(command);
        }
        boolean getResponse = protocol == Protocol.T0.mask() ? switches.t0GetResponse() : switches.t1GetResponse();
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        for (int round = 1; ; round++) {
            if (round >= MAX_ROUNDS) {
                throw new CardException("Could not obtain response");
            }
            byte[] response = link.transmit(command);
            int rn = response.length;
            if (getResponse && rn >= 2) {
                if (rn == 2 && response[0] == (byte) 0x6C) {
                    command = withLe(command, response[1]);
                    continue;
                }
                if (response[rn - 2] == (byte) 0x61) {
                    result.write(response, 0, rn - 2);
                    command = new byte[] {command[0], (byte) 0xC0, 0, 0, response[rn - 1]};
                    continue;
                }
            }
            result.write(response, 0, rn);
            return result.toByteArray();
        }
    }

    /** The command with its short Le set to {@code le}, whatever ISO 7816-4 case it was. */
    static byte[] withLe(byte[] command, byte le) {
        int n = command.length;
        if (n == 4) {
            return append(command, le); // case 1 -> case 2
        }
        if (n == 5) {
            byte[] c = command.clone(); // case 2: replace Le
            c[4] = le;
            return c;
        }
        int lc = command[4] & 0xFF;
        if (lc != 0 && n == 5 + lc) {
            return append(command, le); // case 3 -> case 4
        }
        byte[] c = command.clone(); // case 4 (or something unusual): the last byte is Le
        c[n - 1] = le;
        return c;
    }

    /** A case-4 command without its Le (short or extended), for T=1 readers that choke on it. */
    static byte[] stripLe(byte[] command) {
        int n = command.length;
        if (n < 7) {
            return command;
        }
        int lc = command[4] & 0xFF;
        if (lc != 0) {
            return n == lc + 6 ? Arrays.copyOf(command, n - 1) : command;
        }
        lc = ((command[5] & 0xFF) << 8) | (command[6] & 0xFF);
        return n == lc + 9 ? Arrays.copyOf(command, n - 2) : command;
    }

    private static byte[] append(byte[] command, byte b) {
        byte[] c = Arrays.copyOf(command, command.length + 1);
        c[command.length] = b;
        return c;
    }

    /**
     * Puts a logical channel number into an interindustry CLA (ISO 7816-4 tables 2 and 3):
     * channels 0-3 in bits 1-0, channels 4-19 as 0x40 + (n - 4). Proprietary classes are left alone.
     */
    static void setChannel(byte[] command, int channel) {
        int cla = command[0];
        if (cla < 0 || (cla & 0xE0) == 0x20) {
            return;
        }
        if (channel <= 3) {
            command[0] = (byte) ((cla & 0xBC) | channel);
        } else if (channel <= 19) {
            command[0] = (byte) ((cla & 0xB0) | 0x40 | (channel - 4));
        } else {
            throw new IllegalStateException("Unsupported channel number: " + channel);
        }
    }
}
