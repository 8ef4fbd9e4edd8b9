package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ShellCommandTest {
    private static ShellCommand parsed(Map<String, String> environment, String... args) {
        ShellCommand command = new ShellCommand(environment);
        CommandLine line = new CommandLine(command).setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        line.parseArgs(args);
        return command;
    }

    @Test
    void theAdminSocketSitsBesideThePcscSocket() {
        assertEquals(Path.of("/run/pcscd/pcscd.comm.admin"), parsed(Map.of()).adminSocket());
        assertEquals(Path.of("/tmp/x/pcscd.comm.admin"), parsed(Map.of("PCSCLITE_CSOCK_NAME", "/tmp/x/pcscd.comm")).adminSocket());
        assertEquals(Path.of("/tmp/y.comm.admin"),
                parsed(Map.of("PCSCLITE_CSOCK_NAME", "/tmp/x/pcscd.comm"), "--socket", "/tmp/y.comm").adminSocket());
        assertEquals(Path.of("/tmp/z"), parsed(Map.of(), "--admin-socket", "/tmp/z", "--socket", "/tmp/y.comm").adminSocket());
    }

    @Test
    void argumentsBecomeOneGogoLineQuotedWhereNeeded() {
        assertEquals("pcsc:readers", ShellCommand.commandLine(List.of("pcsc:readers")));
        assertEquals("pcsc:trace on \"jpcscd Virtual Reader 00 00\"",
                ShellCommand.commandLine(List.of("pcsc:trace", "on", "jpcscd Virtual Reader 00 00")));
        assertEquals("echo \"say \\\"hi\\\"\"", ShellCommand.commandLine(List.of("echo", "say \"hi\"")));
    }

    @Test
    void optionsAfterTheCommandBelongToTheCommand() {
        Path socket = Path.of("/tmp/s");
        ShellCommand command = parsed(Map.of(), "--socket", socket.toString(), "lb", "-s");
        assertEquals(Path.of("/tmp/s.admin"), command.adminSocket());
    }
}
