package org.jpcscd.launcher;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the framework and let {@code main} return normally, so the exit status is
 * 0 (a JVM shutting down on a signal would exit with 143 or 130).
 */
final class Signals {
    private Signals() {
    }

    static void onTermination(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException e) {
                // The JVM reserves this signal (e.g. -Xrs): the shutdown hook still stops the framework.
            }
        }
    }
}
