package org.jpcscd.protocol;

import java.util.concurrent.Executor;
import org.jpcscd.api.rm.ResourceManager;

/** What every session of one server shares. */
record SessionServices(
        ResourceManager rm,
        ServerSettings settings,
        SessionRegistry registry,
        ReaderStates readerStates,
        ReaderEventsCounter readerEvents,
        Executor signalExecutor) {
}
