package org.jpcscd.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.jpcscd.api.Scope;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ClientInfo;
import org.jpcscd.core.ResourceManagerImpl;
import org.jpcscd.protocol.control.PcscSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * pcsc:idle against the real idle exit and core: what it shows, and that a change goes through Config
 * Admin and reaches the component the way DS would deliver it (its @Modified method).
 */
class IdleCommandTest {
    private final ResourceManagerImpl rm = new ResourceManagerImpl();
    private final IdleExit idleExit = new IdleExit(rm, new QuietSocket(), null, config(true, 60));
    private final Hashtable<String, Object> stored = new Hashtable<>();
    private final IdleCommand command = new IdleCommand(idleExit, configurationAdmin());

    @AfterEach
    void stop() {
        idleExit.deactivate();
    }

    @Test
    void showsTheRunningTimerAndTheContexts() throws Exception {
        String idle = command.idle();
        assertTrue(idle.contains("auto-exit: on, after 60 s idle"), idle);
        assertTrue(idle.contains("contexts alive: 0"), idle);
        assertTrue(idle.matches("(?s).*running, \\d+\\.\\d s remaining.*"), idle);

        ClientContext context = rm.establishContext(ClientInfo.inProcess(), Scope.USER);
        idleExit.contextsChanged(1);
        idle = command.idle();
        assertTrue(idle.contains("contexts alive: 1"), idle);
        assertTrue(idle.contains("stopped (contexts alive)"), idle);
        context.close();
    }

    @Test
    void aNewDelayGoesThroughConfigAdminAndAppliesToTheNextIdlePeriod() throws Exception {
        assertTrue(command.idle("5").contains("after 5 s idle"));
        assertEquals(5, stored.get("idle.delay.s"));
        assertEquals(Boolean.TRUE, stored.get("auto.exit"));
        IdleStatus status = idleExit.status();
        assertEquals(5, status.delay().toSeconds());
        assertTrue(status.remaining().orElseThrow().toSeconds() > 5, "the running period keeps its 60 s");

        command.idle("off");
        assertEquals(Boolean.FALSE, stored.get("auto.exit"));
        assertFalse(idleExit.status().autoExit());
        assertTrue(idleExit.status().remaining().isEmpty(), "off stops the running period");
    }

    @Test
    void nonsenseFailsTheCommandWithAUsageLineAndChangesNothing() throws Exception {
        // Thrown, not returned: only a failing command makes `pcscd shell pcsc:idle soon` exit non-zero.
        for (String nonsense : new String[] {"soon", "-3"}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> command.idle(nonsense));
            assertTrue(e.getMessage().startsWith("usage"), e.getMessage());
        }
        assertTrue(stored.isEmpty());
    }

    /** Config Admin's configuration object as far as the command uses it; update() delivers like DS. */
    private ConfigurationAdmin configurationAdmin() {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getProperties":
                            return stored.isEmpty() ? null : new Hashtable<>(stored);
                        case "update":
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> properties = (Dictionary<String, Object>) args[0];
                            stored.clear();
                            for (var keys = properties.keys(); keys.hasMoreElements(); ) {
                                String key = keys.nextElement();
                                stored.put(key, properties.get(key));
                            }
                            idleExit.modified(config((Boolean) stored.get("auto.exit"), (Integer) stored.get("idle.delay.s")));
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConfiguration") && IdleExit.PID.equals(args[0])) {
                        return configuration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static LifecycleConfig config(boolean autoExit, int delaySeconds) {
        return new LifecycleConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LifecycleConfig.class;
            }

            @Override
            public boolean auto_exit() {
                return autoExit;
            }

            @Override
            public int idle_delay_s() {
                return delaySeconds;
            }
        };
    }

    private static final class QuietSocket implements PcscSocket {
        @Override
        public Path path() {
            return Path.of("/tmp/idle-command-test.comm");
        }

        @Override
        public boolean socketActivated() {
            return false;
        }

        @Override
        public int connections() {
            return 0;
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }
    }

}
