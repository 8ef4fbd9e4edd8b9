package org.jpcscd.shell;

import java.util.List;
import java.util.Set;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.jpcscd.api.rm.ApduTracing;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.api.rm.ResourceManager;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@code pcsc:trace}: APDU tracing of one reader or all, through the core's {@link ApduTracing}. */
@Component(service = TraceCommand.class)
@GogoCommand(scope = "pcsc", function = {"trace"})
public class TraceCommand {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ApduTracing tracing;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ResourceManager resourceManager;

    @Descriptor("show which readers have APDU tracing on")
    public String trace() {
        ApduTracing service = required();
        return describe(service.traced(), service.refusal());
    }

    @Descriptor("switch APDU tracing of every reader on or off: command and response bytes go to the log")
    public String trace(@Descriptor("on or off") String onOff) {
        return trace(onOff, ApduTracing.ALL_READERS);
    }

    @Descriptor("switch APDU tracing of one reader on or off: command and response bytes go to the log")
    public String trace(@Descriptor("on or off") String onOff,
            @Descriptor("reader index (0 = first) or PC/SC reader name, e.g. \"jpcscd Virtual Reader 00 00\"") String reader) {
        ApduTracing service = required();
        boolean on = switch (onOff) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("pcsc:trace expects 'on' or 'off', not '" + onOff + "'");
        };
        String name = ApduTracing.ALL_READERS.equals(reader) ? reader : readerName(reader);
        if (on) {
            service.start(name);
        } else {
            service.stop(name);
        }
        return describe(service.traced(), null);
    }

    private String readerName(String reader) {
        ResourceManager manager = resourceManager;
        if (manager == null) {
            throw new IllegalStateException(PcscCommands.NO_RESOURCE_MANAGER);
        }
        List<ReaderStatus> readers = manager.readers();
        for (ReaderStatus status : readers) {
            if (status.name().equals(reader) || Integer.toString(status.index()).equals(reader)) {
                return status.name();
            }
        }
        throw new IllegalArgumentException("no reader '" + reader + "' (see pcsc:readers)");
    }

    private ApduTracing required() {
        ApduTracing service = tracing;
        if (service == null) {
            throw new IllegalStateException(PcscCommands.NO_RESOURCE_MANAGER);
        }
        return service;
    }

    static String describe(Set<String> traced, String refusal) {
        if (refusal != null) {
            return "APDU tracing: off (" + refusal + ")";
        }
        if (traced.isEmpty()) {
            return "APDU tracing: off";
        }
        if (traced.contains(ApduTracing.ALL_READERS)) {
            return "APDU tracing: on for every reader";
        }
        return "APDU tracing: on for " + String.join(", ", traced);
    }
}
