/**
 * A {@code javax.smartcardio} provider on the pure-Java client: no libpcsclite, no JNI.
 * Select it with {@code TerminalFactory.getInstance("PC/SC", null, new JpcscdProvider())}, with
 * {@code Security.insertProviderAt(new JpcscdProvider(), 1)}, or by listing
 * {@code org.jpcscd.client.smartcardio.JpcscdProvider} in a {@code java.security} file.
 * See {@link org.jpcscd.client.smartcardio.JpcscdProvider} for where it differs from the JDK's own.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jpcscd.client.smartcardio;
