/**
 * pcsc-lite's client/daemon wire protocol (protocol 4.4, as Debian 12's libpcsclite 1.9.9 speaks it,
 * plus the 4.5/4.6 additions): the command codes, the fixed structs every request and reply carries,
 * and the reader-state entry. Both the daemon's socket server and the Java client use these codecs,
 * so the two can never disagree about a byte.
 *
 * <p>Integers travel in host byte order as fixed 32-bit fields; every struct is read and written
 * through a {@link java.nio.ByteBuffer} set to {@link Wire#ORDER}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jpcscd.wire;
