package org.jpcscd.lifecycle;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@code pcsc:idle} shows.
 *
 * @param autoExit whether the daemon exits when idle at all
 * @param delay the delay the next idle period will use
 * @param contexts live PC/SC contexts
 * @param remaining time left in the running idle period, empty when none is running
 */
public record IdleStatus(boolean autoExit, Duration delay, int contexts, Optional<Duration> remaining) {
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append("auto-exit: ").append(autoExit ? "on, after " + delay.toSeconds() + " s idle" : "off");
        text.append("\ncontexts alive: ").append(contexts);
        text.append("\nidle timer: ");
        if (remaining.isPresent()) {
            double seconds = remaining.get().toMillis() / 1000.0;
            text.append(String.format(java.util.Locale.ROOT, "running, %.1f s remaining", seconds));
        } else {
            text.append(autoExit ? "stopped (contexts alive)" : "stopped");
        }
        return text.toString();
    }
}
