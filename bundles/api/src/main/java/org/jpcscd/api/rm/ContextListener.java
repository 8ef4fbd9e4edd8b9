package org.jpcscd.api.rm;

/**
 * Whiteboard service: register one to learn how many contexts are alive (the lifecycle bundle's idle
 * timer does). Called once with the current count when bound, then after each establish and release,
 * outside the resource manager's state locks; calls are made one at a time and the last one carries
 * the live count, so keep them short.
 */
@FunctionalInterface
public interface ContextListener {
    void contextsChanged(int liveContexts);
}
