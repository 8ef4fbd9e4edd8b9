package org.jpcscd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.jpcscd.api.ScardException;
import org.jpcscd.client.ClientSettings;
import org.jpcscd.client.PcscClient;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pcsc}: the top-level command; its subcommands do the work. */
@Command(
        name = "pcsc",
        version = "jpcscd pcsc 0.1.0",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        headerHeading = "%nNAME%n  ",
        header = "pcsc - list smart-card readers, watch card events and send APDUs",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "  A PC/SC client in pure Java. It talks to the daemon's Unix socket with pcsc-lite's",
            "  protocol, so it works with jpcscd and with pcsc-lite's pcscd alike, without libpcsclite.",
            "  When no daemon answers, it starts the distribution's bin/pcscd on demand (the daemon",
            "  exits again 60 s after its last client); --no-auto-start turns that off."
        },
        commandListHeading = "%nCOMMANDS%n",
        optionListHeading = "%nOPTIONS%n",
        subcommands = {ListCommand.class, ScanCommand.class, SendCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%n",
        footer = {
            "ENVIRONMENT",
            "  PCSCLITE_CSOCK_NAME  the daemon's socket (default /run/pcscd/pcscd.comm), as for libpcsclite.",
            "  JPCSCD_AUTOSTART     'false' (or 0, no, off) never starts a daemon.",
            "  JPCSCD_DAEMON        the command that starts one; {socket} stands for the socket path.",
            "                       Default: $JPCSCD_HOME/bin/pcscd --foreground --socket {socket} --auto-exit",
            "                       --define jpcscd.start.mode=on-demand.",
            "  JPCSCD_CLIENT_CONFIG a properties file with the keys socket, autostart, daemon,",
            "                       autostart.timeout (default ~/.config/jpcscd/client.properties).",
            "",
            "EXIT STATUS",
            "  0  success",
            "  1  a PC/SC call failed; the message names the SCARD code, e.g. SCARD_E_NO_SMARTCARD",
            "  2  invalid command line",
            "",
            "EXAMPLES",
            "  pcsc list",
            "      the readers, with their card's ATR.",
            "  pcsc scan",
            "      readers, card insertions and removals with ATRs as they happen, until Ctrl-C.",
            "  pcsc send 0 00A4040007A0000002471001 00B0000000",
            "      two APDUs to the first reader's card; hex may contain spaces or colons.",
            "  pcsc --socket /tmp/pcscd.comm --no-auto-start list",
            "      a daemon on a private socket, never starting one."
        })
public final class PcscMain {
    @Option(names = {"-s", "--socket"}, paramLabel = "PATH", scope = CommandLine.ScopeType.INHERIT,
            description = "The daemon's socket. Default: $PCSCLITE_CSOCK_NAME, else /run/pcscd/pcscd.comm.")
    Path socket;

    @Option(names = "--no-auto-start", scope = CommandLine.ScopeType.INHERIT,
            description = "Fail with SCARD_E_NO_SERVICE instead of starting a daemon when none answers.")
    boolean noAutoStart;

    /** The client these options describe. */
    PcscClient client() {
        ClientSettings settings = ClientSettings.fromEnvironment();
        if (socket != null) {
            settings = settings.withSocket(socket);
        }
        if (noAutoStart) {
            settings = settings.withAutoStart(false);
        }
        return PcscClient.create(settings);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new PcscMain());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ScardException s) {
                err.println("pcsc: " + s.getMessage());
                err.flush();
                return 1;
            }
            if (e instanceof IllegalArgumentException) {
                // bad hex and the like: a usage error, not a stack trace
                err.println("pcsc: " + e.getMessage());
                err.flush();
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
