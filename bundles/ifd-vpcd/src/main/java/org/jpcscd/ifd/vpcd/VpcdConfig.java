package org.jpcscd.ifd.vpcd;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin settings of the vpcd reader (PID {@value #PID}). */
@ObjectClassDefinition(
        id = VpcdConfig.PID,
        name = "vpcd virtual reader",
        description = "A reader for vsmartcard virtual cards: each slot listens on its own TCP port"
                + " and a virtual-card process connects to it.")
public @interface VpcdConfig {
    String PID = "org.jpcscd.ifd.vpcd";

    @AttributeDefinition(name = "Bind address",
            description = "Address the slots listen on. Loopback by default: anyone who can connect"
                    + " can play a card to every PC/SC client.")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(name = "Port of slot 0",
            description = "Slot n listens on this port + n, like vpcd (35963, 35964 ...)."
                    + " 0 picks a free port for every slot.", min = "0", max = "65535")
    int port() default 35963;

    @AttributeDefinition(name = "Slots", description = "How many card slots (and ports) the reader has.",
            min = "1", max = "16")
    int slots() default 2;

    @AttributeDefinition(name = "Response timeout (ms)",
            description = "How long a card may take to answer an APDU or ATR request before the"
                    + " exchange fails with a response timeout and the card is dropped.",
            min = "1")
    int response_timeout_ms() default 30_000;
}
