package org.jpcscd.protocol;

import java.io.IOException;
import org.jpcscd.api.rm.ResourceManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The daemon's PC/SC socket: serves pcsc-lite's wire protocol for as long as a resource manager is
 * there. A configuration change (socket path, limits) restarts the listener.
 */
@Component(immediate = true, configurationPid = ProtocolServer.PID, service = {})
@Designate(ocd = ProtocolConfig.class)
public class ProtocolServer {
    public static final String PID = "org.jpcscd.protocol";

    private final SocketListener listener;

    @Activate
    public ProtocolServer(@Reference ResourceManager rm, ProtocolConfig config) throws IOException {
        this.listener = SocketListener.start(ServerSettings.from(config), rm);
    }

    @Deactivate
    void deactivate() {
        listener.close();
    }
}
