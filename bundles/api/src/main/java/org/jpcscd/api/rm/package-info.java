/**
 * The resource manager: the service the core registers and the socket protocol, the shell and the
 * lifecycle bundle use. Its semantics are pcscd's (see shared/spec/pcsc-wire-protocol.md §2.3, §6).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jpcscd.api.rm;
