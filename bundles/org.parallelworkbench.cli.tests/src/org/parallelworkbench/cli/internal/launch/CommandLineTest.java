package org.parallelworkbench.cli.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.cli.internal.command.UsageException;

/** The whole command line of bin/parallel-workbench: help, usage errors, the mode each command asks for, completion. */
class CommandLineTest {

    private static Optional<String> help(String... arguments) throws UsageException {
        return new ProductCommandLine().parse(List.of(arguments));
    }

    private static HeadlessMode mode(String... arguments) throws UsageException {
        ProductCommandLine commandLine = new ProductCommandLine();
        assertEquals(Optional.empty(), commandLine.parse(List.of(arguments)), () -> List.of(arguments) + " asks for help");
        return commandLine.mode();
    }

    @Test
    void dashHDashDashHelpAndHelpPrintTheWholeHelp() throws UsageException {
        String usage = new ProductCommandLine().usage();
        assertTrue(usage.contains("Usage: parallel-workbench [-h] [--smoke | --console] [COMMAND]\n"), usage);
        assertEquals(Optional.of(usage), help("--help"));
        assertEquals(Optional.of(usage), help("-h"));
        assertEquals(Optional.of(usage), help("help"));
    }

    @Test
    void aCommandsHelpHasItsOptionsAndExitCodes() throws UsageException {
        String run = help("run", "--help").orElseThrow();
        assertEquals(Optional.of(run), help("help", "run"));
        assertTrue(run.contains("Usage: parallel-workbench run [-h] [--on=threads|processes|cluster|auto]"), run);
        assertTrue(run.contains("      --retries=N       Tries a failing unit again up to N times (0-10).\n"), run);
        assertTrue(run.contains("\nExit codes:\n  0    the run succeeded\n"), run);
        assertTrue(run.contains("\n  130  cancelled (Ctrl+C)\n  143  ended by SIGTERM\n"), run);
        assertTrue(help("install", "-h").orElseThrow().contains("  1  copied, but it did not start (the reason is printed)\n"));
    }

    @Test
    void theHelpKeepsTheFactsOfTheFormerLauncherUsage() throws UsageException {
        String usage = help("--help").orElseThrow();
        for (String fact : List.of("opens the Parallel Workbench window", "(SMOKE OK or SMOKE FAILED)", "Felix Gogo shell",
                "pw:cancel <id>", "pw:install <jar|repository> [--force]", "exit, Ctrl+D        stops the console",
                "130 cancelled by Ctrl+C", "143 ended by SIGTERM", "JAVA_HOME     a Java 21+", "PW_JAVA_OPTS  extra JVM options",
                "completion  Prints a bash completion script")) {
            assertTrue(usage.contains(fact), () -> fact + " missing from:\n" + usage);
        }
    }

    @Test
    void eachCommandAsksForTheModeOfItsName() throws UsageException {
        assertEquals(HeadlessMode.GUI, mode());
        assertEquals(HeadlessMode.SMOKE, mode("--smoke"));
        assertEquals(HeadlessMode.RUN, mode("run", "ticker"));
        assertEquals(HeadlessMode.PROVIDERS, mode("providers"));
        assertEquals(HeadlessMode.HISTORY, mode("history"));
        assertEquals(HeadlessMode.INSTALL, mode("install", "w.jar"));
        assertEquals(HeadlessMode.UNINSTALL, mode("uninstall", "com.example.w", "--force"));
        assertEquals(HeadlessMode.COMPLETION, mode("completion"));
    }

    @Test
    void theCommandsParsedAreTheOnesTheLauncherRuns() throws UsageException {
        ProductCommandLine commandLine = new ProductCommandLine();
        commandLine.parse(List.of("run", "primes", "limit=10", "--on", "processes"));
        assertEquals("primes", commandLine.run().request().providerId());
        assertEquals(List.of("limit=10"), commandLine.run().request().pairs());
        commandLine = new ProductCommandLine();
        commandLine.parse(List.of("uninstall", "--force", "com.example.w"));
        assertEquals("com.example.w", commandLine.uninstall().symbolicName());
        assertTrue(commandLine.uninstall().force());
    }

    @Test
    void anUnknownCommandOrOptionNamesItThenShowsTheWholeHelp() {
        String usage = new ProductCommandLine().usage().stripTrailing();
        Map<List<String>, String> cases = Map.of(
                List.of("bogus"), "parallel-workbench: unknown command 'bogus'",
                List.of("--no-such-option"), "parallel-workbench: Unknown option: '--no-such-option'",
                List.of("--smoke", "extra"), "parallel-workbench: Unmatched argument at index 1: 'extra'",
                List.of("--smoke", "--console"), "parallel-workbench: --smoke, --console are mutually exclusive (specify only one)",
                List.of("help", "bogus"), "parallel-workbench: Unknown subcommand 'bogus'.");
        cases.forEach((arguments, problem) -> {
            UsageException e = assertThrows(UsageException.class, () -> help(arguments.toArray(String[]::new)), arguments::toString);
            assertEquals(problem, e.lines().get(0));
            assertEquals(usage, String.join("\n", e.lines().subList(1, e.lines().size())));
        });
    }

    @Test
    void aCommandsUsageErrorNamesTheCommandAndShowsItsSynopsis() {
        UsageException run = assertThrows(UsageException.class, () -> help("run"));
        assertEquals(List.of("parallel-workbench run: Missing required parameter: '<provider>'",
                "Usage: parallel-workbench run [-h] [--on=threads|processes|cluster|auto]",
                "                              [--output=FILE] [--retries=N] <provider>",
                "                              [name=value...]",
                "Try 'parallel-workbench run --help' for more information."), run.lines());
        UsageException providers = assertThrows(UsageException.class, () -> help("providers", "x"));
        assertEquals(List.of("parallel-workbench providers: Unmatched argument at index 1: 'x'",
                "Usage: parallel-workbench providers [-h]",
                "Try 'parallel-workbench providers --help' for more information."), providers.lines());
    }

    @Test
    void completionCompletesTheCommandsAndTheTargetsOfOn() {
        String script = new ProductCommandLine().bashCompletion();
        assertTrue(script.contains("\ncomplete -F _complete_parallel-workbench -o default parallel-workbench "), script);
        assertTrue(script.contains("local commands=\"run providers history install uninstall member completion help\""), script);
        assertTrue(script.contains("_option_args=(\"auto\" \"threads\" \"processes\" \"cluster\") # --on values"), script);
    }
}
