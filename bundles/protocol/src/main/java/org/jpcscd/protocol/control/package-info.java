/**
 * What the socket server offers other bundles: the lifecycle bundle closes the door before the
 * daemon exits, and the shell can show where the daemon listens.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jpcscd.protocol.control;
