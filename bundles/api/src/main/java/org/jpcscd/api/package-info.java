/** PC/SC constants and value types shared by the daemon, its drivers and its clients. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jpcscd.api;
