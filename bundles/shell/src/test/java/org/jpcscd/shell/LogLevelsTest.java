package org.jpcscd.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogLevelsTest {
    private final LogLevels component = new LogLevels();
    private final Level rootBefore = Logger.getLogger("").getLevel();

    @AfterEach
    void restore() {
        component.deactivate();
        Logger.getLogger("").setLevel(rootBefore);
    }

    private static LogLevels.Config config(String level, String... loggers) {
        return new LogLevels.Config() {
            @Override
            public String level() {
                return level;
            }

            @Override
            public String[] loggers() {
                return loggers;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return LogLevels.Config.class;
            }
        };
    }

    @Test
    void setsTheRootAndPerLoggerLevelsLiveAndUndoesDroppedOnes() {
        component.apply(config("debug", "org.jpcscd.protocol=TRACE,org.jpcscd.usb=WARN"));
        assertEquals(Level.FINE, Logger.getLogger("").getLevel());
        assertEquals(Level.FINEST, Logger.getLogger("org.jpcscd.protocol").getLevel());
        assertEquals(Level.WARNING, Logger.getLogger("org.jpcscd.usb").getLevel());

        component.apply(config("WARN", "org.jpcscd.protocol=TRACE"));
        assertEquals(Level.WARNING, Logger.getLogger("").getLevel());
        assertNull(Logger.getLogger("org.jpcscd.usb").getLevel(), "dropped: follows the root again");
    }

    @Test
    void theApduLoggerStaysAtInfoWhateverTheLevels() {
        component.apply(config("ERROR", "org.jpcscd.core.apdu=ERROR"));
        assertEquals(Level.INFO, Logger.getLogger(LogLevels.APDU_LOGGER).getLevel());
        assertEquals(false, Logger.getLogger(LogLevels.APDU_LOGGER).isLoggable(Level.FINE));
    }

    @Test
    void badEntriesAreSkipped() {
        Map<String, LogLevel> levels = LogLevels.levels(config("LOUD", "nolevel", "org.x=NOISY", "org.y=info"));
        assertEquals(Map.of("", LogLevel.INFO, "org.y", LogLevel.INFO), levels);
    }
}
