package org.jpcscd.lifecycle;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the idle exit (PID {@value IdleExit#PID}); bin/pcscd --auto-exit sets it. */
@ObjectClassDefinition(
        id = IdleExit.PID,
        name = "jpcscd idle exit",
        description = "Exit when no PC/SC context has been alive for a while (pcscd --auto-exit)")
public @interface LifecycleConfig {
    @AttributeDefinition(
            name = "Exit when idle",
            description = "Stop the daemon once no context has been alive for the idle delay")
    boolean auto_exit() default false;

    @AttributeDefinition(
            name = "Idle delay (s)",
            description = "How long the daemon waits after the last context is released (pcscd: 60). "
                    + "A change applies from the next idle period on",
            min = "0")
    int idle_delay_s() default IdleExit.DEFAULT_DELAY_SECONDS;
}
