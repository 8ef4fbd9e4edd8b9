package org.jpcscd.shell;

/** What the shell shows of a bundle. */
record DriverBundle(long id, String symbolicName, String version, String state) {
}
