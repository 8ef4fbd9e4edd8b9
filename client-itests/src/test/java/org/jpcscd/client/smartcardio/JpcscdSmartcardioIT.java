package org.jpcscd.client.smartcardio;

import org.jpcscd.client.itests.JpcscdDaemon;
import org.jpcscd.client.testing.DaemonUnderTest;
import org.jpcscd.client.testing.RunningDaemon;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider suite against jpcscd — including the program written only against
 * javax.smartcardio, run with the JDK's own provider (libpcsclite) and with ours.
 */
class JpcscdSmartcardioIT extends SmartcardioContract {
    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(JpcscdDaemon::start);

    @Override
    protected DaemonUnderTest daemon() {
        return DAEMON.get();
    }
}
