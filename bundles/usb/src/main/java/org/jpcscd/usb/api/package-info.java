/**
 * USB devices as OSGi services, and the synchronous transport a USB reader driver talks through.
 * usb4java backs it on real hardware; device emulators back it in tests.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jpcscd.usb.api;
