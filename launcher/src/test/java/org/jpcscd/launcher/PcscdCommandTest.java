package org.jpcscd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PcscdCommandTest {
    @TempDir
    Path home;

    private Settings parse(String... args) throws IOException {
        Settings settings = new Settings();
        settings.home = home;
        PcscdCommand command = new PcscdCommand(settings);
        new CommandLine(command).parseArgs(args);
        return command.resolve();
    }

    @Test
    void defaultsRunTheSimulatedReaderAndTheShellInTheBackground() throws IOException {
        Settings settings = parse();
        assertEquals(List.of("core", "protocol", "lifecycle", "shell", "virtual"), settings.features);
        assertFalse(settings.foreground);
        assertFalse(settings.debug);
        assertTrue(settings.frameworkProperties.isEmpty());
        assertTrue(settings.configurations.isEmpty());
    }

    @Test
    void optionsLandInTheSettings() throws IOException {
        Settings settings = parse("-f", "--debug", "--features", "core,shell", "-D", "a.b=1", "--define", "c=2",
                "--set", "org.jpcscd.ifd.virtual:readers=2", "--set", "org.jpcscd.core:poll.ms=250");
        assertTrue(settings.foreground);
        assertTrue(settings.debug);
        assertEquals(List.of("core", "shell"), settings.features);
        assertEquals(Map.of("a.b", "1", "c", "2"), settings.frameworkProperties);
        assertEquals(Map.of("readers", "2"), settings.configurations.get("org.jpcscd.ifd.virtual"));
        assertEquals(Map.of("poll.ms", "250"), settings.configurations.get("org.jpcscd.core"));
    }

    @Test
    void theSocketComesFromTheOptionElsePcscliteCsockName() throws IOException {
        assertEquals(Map.of("socket.path", "/tmp/a.comm"),
                parse("--socket", "/tmp/a.comm").configurations.get("org.jpcscd.protocol"));

        Settings fromEnvironment = Settings.fromEnvironment(Map.of("PCSCLITE_CSOCK_NAME", "/tmp/b.comm"));
        assertEquals(Map.of("socket.path", "/tmp/b.comm"), fromEnvironment.configurations.get("org.jpcscd.protocol"));
        fromEnvironment.home = home;
        PcscdCommand command = new PcscdCommand(fromEnvironment);
        new CommandLine(command).parseArgs("-s", "/tmp/c.comm");
        assertEquals(Map.of("socket.path", "/tmp/c.comm"), command.resolve().configurations.get("org.jpcscd.protocol"));
    }

    @Test
    void theConfigurationFileIsReadAndTheCommandLineWins() throws IOException {
        Path file = home.resolve("my.conf");
        Files.writeString(file, "features = core, virtual\ndebug = true\nfelix.fileinstall.poll = 300\nx = file\n");
        Settings settings = parse("--config", file.toString(), "-D", "x=line");
        assertEquals(List.of("core", "virtual"), settings.features);
        assertTrue(settings.debug);
        assertEquals("300", settings.frameworkProperties.get("felix.fileinstall.poll"));
        assertEquals("line", settings.frameworkProperties.get("x"));

        assertEquals(List.of("shell"), parse("--config", file.toString(), "--features", "shell").features);
    }

    @Test
    void etcPcscdConfIsTheDefaultConfigurationFile() throws IOException {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/pcscd.conf"), "features=core\n");
        assertEquals(List.of("core"), parse().features);
    }

    @Test
    void badAssignmentsAndMissingFilesAreUsageErrors() {
        assertEquals(2, run("--set", "no-colon=1"));
        assertEquals(2, run("--set", "pid:=1"));
        assertEquals(2, run("--config", home.resolve("missing.conf").toString()));
        assertEquals(2, run("--no-such-option"));
    }

    @Test
    void helpIsAManPage() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new PcscdCommand(new Settings()));
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("--help"));
        String help = out.toString();
        for (String section : List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "ENVIRONMENT", "FILES",
                "EXIT STATUS", "EXAMPLES")) {
            assertTrue(help.contains("\n" + section + "\n"), "section " + section + " in\n" + help);
        }
        for (String option : List.of("--foreground", "--config", "--features", "--debug", "--define", "--set",
                "--exit-after-start", "--socket", "--help", "--version", "JPCSCD_HOME", "XDG_RUNTIME_DIR", "JAVA_OPTS",
                "PCSCLITE_CSOCK_NAME")) {
            assertTrue(help.contains(option), option);
        }
        for (String line : help.split("\n")) {
            assertTrue(line.length() <= 100, "wider than 100 columns: " + line);
        }
    }

    private int run(String... args) {
        Settings settings = new Settings();
        settings.home = home;
        CommandLine commandLine = new CommandLine(new PcscdCommand(settings));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        return commandLine.execute(args);
    }
}
