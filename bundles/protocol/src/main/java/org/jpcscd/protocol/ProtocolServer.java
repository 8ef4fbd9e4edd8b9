package org.jpcscd.protocol;

import java.io.IOException;
import java.nio.file.Path;
import org.jpcscd.api.rm.ResourceManager;
import org.jpcscd.protocol.control.PcscSocket;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The daemon's PC/SC socket: serves pcsc-lite's wire protocol for as long as a resource manager is
 * there. A configuration change (socket path, limits) restarts the listener.
 */
@Component(immediate = true, configurationPid = ProtocolServer.PID, service = PcscSocket.class)
@Designate(ocd = ProtocolConfig.class)
public class ProtocolServer implements PcscSocket {
    public static final String PID = "org.jpcscd.protocol";
    /**
     * Framework property the launcher sets to the listening socket's file descriptor when systemd
     * passed one (LISTEN_FDS); the socket is then adopted instead of bound.
     */
    public static final String INHERITED_FD_PROPERTY = "jpcscd.listen.fd";

    private final SocketListener listener;

    @Activate
    public ProtocolServer(@Reference ResourceManager rm, ProtocolConfig config, BundleContext context) throws IOException {
        ServerSettings settings = ServerSettings.from(config);
        String inherited = context.getProperty(INHERITED_FD_PROPERTY);
        this.listener = inherited == null || inherited.isBlank()
                ? SocketListener.start(settings, rm)
                : SocketListener.startInherited(settings, rm, Integer.parseInt(inherited.trim()));
    }

    @Override
    public Path path() {
        return listener.path();
    }

    @Override
    public boolean socketActivated() {
        return listener.socketActivated();
    }

    @Override
    public int connections() {
        return listener.connections();
    }

    @Override
    public void pause() throws InterruptedException {
        listener.pause();
    }

    @Override
    public void resume() throws IOException {
        listener.resume();
    }

    @Deactivate
    void deactivate() {
        listener.close();
    }
}
