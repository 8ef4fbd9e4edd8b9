package org.jpcscd.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pcscd shell}: the Gogo shell of a running daemon, over its admin socket. With a command it
 * runs that one and exits with its status; without, it reads command lines from standard input.
 */
@Command(
        name = "pcscd shell",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Attach to the running daemon's Gogo shell over its admin socket (owner and root only).",
            "With COMMAND, run it, print its output and exit with status 0 (done) or 1 (it failed);",
            "without, read command lines from standard input ('exit' or end of input to leave).",
            "Examples: pcscd shell pcsc:readers | pcscd shell pcsc:trace on | pcscd shell lb"
        },
        footer = {
            "EXIT STATUS",
            "  0  the command succeeded    1  the command failed",
            "  3  no daemon, or the connection was lost    77  the daemon refused this user"
        })
final class ShellCommand implements Callable<Integer> {
    private static final String DEFAULT_SOCKET = "/run/pcscd/pcscd.comm";
    private static final Pattern PLAIN = Pattern.compile("[^\\s\"'\\\\]+");

    private final Map<String, String> environment;

    @Option(names = {"-s", "--socket"}, paramLabel = "PATH",
            description = "The daemon's PC/SC socket; the admin socket is PATH.admin. Default: $PCSCLITE_CSOCK_NAME, else " + DEFAULT_SOCKET)
    private Path socket;

    @Option(names = "--admin-socket", paramLabel = "PATH", description = "The admin socket itself, when it is not beside the PC/SC socket.")
    private Path adminSocket;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A Gogo command line, e.g. pcsc:readers")
    private List<String> command;

    ShellCommand() {
        this(System.getenv());
    }

    ShellCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    Path adminSocket() {
        if (adminSocket != null) {
            return adminSocket;
        }
        String pcsc = socket != null ? socket.toString() : environment.getOrDefault("PCSCLITE_CSOCK_NAME", "");
        return Path.of((pcsc.isEmpty() ? DEFAULT_SOCKET : pcsc) + ".admin");
    }

    @Override
    public Integer call() throws IOException {
        Path path = adminSocket();
        AdminClient client;
        try {
            client = AdminClient.connect(path);
        } catch (AccessDeniedException e) {
            return fail("permission denied on " + path + ": only the daemon's owner and root may attach");
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).contains("ermission")) {
                return fail("permission denied on " + path + ": only the daemon's owner and root may attach");
            }
            return fail(Files.exists(path) ? "no daemon answers on " + path + " (" + e.getMessage() + ")"
                    : "no daemon: " + path + " does not exist (is it running? see --socket)");
        } catch (IOException e) {
            return fail("cannot attach to " + path + ": " + e.getMessage());
        }
        try (client) {
            if (command != null && !command.isEmpty()) {
                return client.run(commandLine(command), System.out, System.err);
            }
            return interactive(client);
        } catch (IOException e) {
            return fail("connection to the daemon lost: " + e.getMessage());
        }
    }

    private int interactive(AdminClient client) throws IOException {
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean prompt = System.console() != null;
        int status = 0;
        while (true) {
            if (prompt) {
                System.out.print("pcscd> ");
                System.out.flush();
            }
            String line = input.readLine();
            if (line == null || line.strip().equals("exit")) {
                return status;
            }
            status = client.run(line, System.out, System.err);
            if (status == AdminClient.NO_STATUS || status == 77) {
                return status;
            }
        }
    }

    /** Arguments back into one Gogo line, quoting those a shell had to quote (reader names have spaces). */
    static String commandLine(List<String> arguments) {
        StringBuilder line = new StringBuilder();
        for (String argument : arguments) {
            if (line.length() > 0) {
                line.append(' ');
            }
            if (PLAIN.matcher(argument).matches()) {
                line.append(argument);
            } else {
                line.append('"').append(argument.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return line.toString();
    }

    private static int fail(String message) {
        System.err.println("pcscd shell: " + message);
        return AdminClient.NO_STATUS;
    }
}
