/**
 * A CCID device emulator for tests: {@link org.jpcscd.ccid.emulator.CcidEmulator} plays the
 * reader's side of the CCID protocol over simulated cards, behind the usb bundle's UsbDevice.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jpcscd.ccid.emulator;
