package org.jpcscd.launcher;

/** The daemon cannot start; the message is shown to the user as it is (exit status 1). */
final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }

    LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
