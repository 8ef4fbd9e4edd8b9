/**
 * The interfaces a reader driver implements (pcsc-lite's IFD handler, made Java): a driver bundle
 * registers one {@link org.jpcscd.api.ifd.IfdReader} service per physical reader and unregisters it
 * when the reader goes away.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jpcscd.api.ifd;
