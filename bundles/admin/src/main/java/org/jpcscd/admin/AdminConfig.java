package org.jpcscd.admin;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the admin socket (PID {@value AdminServer#PID}). */
@ObjectClassDefinition(
        id = AdminServer.PID,
        name = "jpcscd admin socket",
        description = "The Unix socket bin/pcscd shell attaches to; only the daemon's user and root are let in")
public @interface AdminConfig {
    @AttributeDefinition(
            name = "Admin socket path",
            description = "Empty: the PC/SC socket's path with '.admin' appended",
            required = false)
    String admin_socket_path() default "";
}
