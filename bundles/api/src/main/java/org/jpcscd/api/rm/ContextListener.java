package org.jpcscd.api.rm;

/**
 * Whiteboard service: register one to learn how many contexts are alive (the lifecycle bundle's idle
 * timer does). Called after each establish and release, outside the resource manager's locks.
 */
@FunctionalInterface
public interface ContextListener {
    void contextsChanged(int liveContexts);
}
