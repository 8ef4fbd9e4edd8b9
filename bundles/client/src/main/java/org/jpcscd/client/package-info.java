/**
 * A PC/SC client in pure Java: it speaks pcsc-lite's wire protocol (4.4) over the daemon's Unix
 * socket, so it needs neither libpcsclite nor JNI. {@link org.jpcscd.client.PcscClient} establishes
 * {@link org.jpcscd.client.Context}s; calls mirror the PC/SC C API and fail with
 * {@link org.jpcscd.api.ScardException} carrying the code a C client would get.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jpcscd.client;
