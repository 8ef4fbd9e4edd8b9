package org.jpcscd.admin;

/**
 * Configuration of the admin socket (PID {@value AdminServer#PID}), property {@code admin.socket.path}:
 * empty means the PC/SC socket's path with {@code .admin} appended. The component also reads the
 * PC/SC socket's PID, and a metatype designation allows only one PID, so this one has none.
 */
public @interface AdminConfig {
    String admin_socket_path() default "";
}
