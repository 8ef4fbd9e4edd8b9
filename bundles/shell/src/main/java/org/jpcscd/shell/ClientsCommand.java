package org.jpcscd.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.jpcscd.api.rm.CardConnection;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ClientInfo;
import org.jpcscd.api.rm.ResourceManager;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@code pcsc:clients}: who uses the daemon, and what they hold. */
@Component(service = ClientsCommand.class)
@GogoCommand(scope = "pcsc", function = {"clients"})
public class ClientsCommand {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ResourceManager resourceManager;

    @Descriptor("list the client processes: pid, uid, user, contexts, card handles, transactions held and their readers")
    public String clients() {
        ResourceManager manager = resourceManager;
        if (manager == null) {
            return PcscCommands.NO_RESOURCE_MANAGER;
        }
        return format(manager.contexts());
    }

    static String format(List<ClientContext> contexts) {
        // libpcsclite opens one connection per context, so a process is the unit an operator knows.
        Map<String, List<ClientContext>> byProcess = new TreeMap<>();
        for (ClientContext context : contexts) {
            ClientInfo client = context.client();
            byProcess.computeIfAbsent(client.pid() + "/" + client.uid() + "/" + client.transport(), k -> new ArrayList<>()).add(context);
        }
        if (byProcess.isEmpty()) {
            return "no clients\n";
        }
        TextTable table = new TextTable("PID", "UID", "USER", "VIA", "CONTEXTS", "HANDLES", "TRANSACTIONS", "READERS");
        for (List<ClientContext> group : byProcess.values()) {
            ClientInfo client = group.get(0).client();
            int handles = 0;
            int transactions = 0;
            List<String> readers = new ArrayList<>();
            for (ClientContext context : group) {
                for (CardConnection connection : context.connections()) {
                    handles++;
                    boolean held = connection.holdsTransaction();
                    if (held) {
                        transactions++;
                    }
                    String name = connection.readerName() + (held ? " (transaction)" : "");
                    if (!readers.contains(name)) {
                        readers.add(name);
                    }
                }
            }
            table.row(Long.toString(client.pid()), Long.toString(client.uid()), UserNames.of(client.uid()), client.transport(),
                    Integer.toString(group.size()), Integer.toString(handles), Integer.toString(transactions),
                    readers.isEmpty() ? "-" : String.join(", ", readers));
        }
        return table.toString();
    }
}
