package org.jpcscd.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.jpcscd.api.Disposition;
import org.jpcscd.api.Protocol;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.ShareMode;
import org.jpcscd.client.CardHandle;
import org.jpcscd.client.Context;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pcsc send READER APDU...}. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Connect to the card in READER and send each APDU in turn, printing it ('>') and",
            "the response data and status word ('<'). The card is left as it is afterwards."})
final class SendCommand implements Callable<Integer> {
    @ParentCommand
    PcscMain main;

    @Parameters(index = "0", paramLabel = "READER",
            description = "The reader: its number in 'pcsc list', its full name, or the start of a name that is unique.")
    String reader;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "APDU",
            description = "A command APDU in hex, e.g. 00A4040000 or '00 A4 04 00 00'; extended lengths allowed.")
    List<String> apdus;

    @Option(names = {"-p", "--protocol"}, paramLabel = "T=0|T=1|*", defaultValue = "*",
            description = "Protocols the card may use (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = {"-x", "--exclusive"}, description = "Connect exclusively: no other client uses the card meanwhile.")
    boolean exclusive;

    @Override
    public Integer call() throws Exception {
        int mask = switch (protocol.toUpperCase(java.util.Locale.ROOT)) {
            case "*" -> Protocol.ANY_MASK;
            case "T=0" -> Protocol.T0.mask();
            case "T=1" -> Protocol.T1.mask();
            default -> throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--protocol must be T=0, T=1 or *, not " + protocol);
        };
        List<byte[]> commands = apdus.stream().map(Hex::parse).toList();
        try (Context ctx = main.client().establishContext()) {
            String name = resolve(ctx.listReaders(), reader);
            CardHandle card = ctx.connect(name, exclusive ? ShareMode.EXCLUSIVE : ShareMode.SHARED, mask);
            try {
                for (byte[] command : commands) {
                    System.out.println("> " + Hex.format(command));
                    byte[] response = card.transmit(command);
                    int n = response.length;
                    String data = n > 2 ? Hex.format(java.util.Arrays.copyOf(response, n - 2)) + "  " : "";
                    String sw = n >= 2 ? String.format("%02X%02X", response[n - 2], response[n - 1]) : "(none)";
                    System.out.println("< " + data + "SW " + sw);
                }
            } finally {
                card.disconnect(Disposition.LEAVE);
            }
        }
        return 0;
    }

    static String resolve(List<String> readers, String wanted) throws ScardException {
        if (wanted.matches("\\d+")) {
            int index = Integer.parseInt(wanted);
            if (index < readers.size()) {
                return readers.get(index);
            }
        }
        if (readers.contains(wanted)) {
            return wanted;
        }
        List<String> matches = readers.stream().filter(r -> r.startsWith(wanted)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new ScardException(ScardCode.E_UNKNOWN_READER,
                matches.isEmpty() ? "no reader '" + wanted + "' among " + readers : "'" + wanted + "' matches " + matches);
    }
}
