package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless commands of bin/parallel-workbench ({@code run}, {@code providers}) on the unpacked product. */
class CliIT {

    /** JVM and framework start, a short run, shutdown; generous for a loaded 2-core machine. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    /** Eclipse's own bar for a cancel is 1 s; this adds the framework's shutdown. */
    static final Duration SIGNAL_EXIT_TIMEOUT = Duration.ofSeconds(10);
    static final int SIGINT_EXIT_CODE = 128 + 2;
    static final int SIGTERM_EXIT_CODE = 128 + 15;
    static final Path PERL = Path.of("/usr/bin/perl");
    static final Path BASH = Path.of("/bin/bash");
    /** In the docs: a text block whose first line is "$ bin/parallel-workbench ARGUMENTS", the rest its output. */
    static final Pattern HELP_QUOTE = Pattern.compile("(?m)^```text\n\\$ bin/parallel-workbench ([^\n]+)\n(.*?)^```$", Pattern.DOTALL);

    static Command launcher(Path workDir, String... args) throws IOException, InterruptedException {
        Path home = Product.home();
        List<String> argv = Stream.concat(Stream.of(home.resolve("bin/parallel-workbench").toString()), Stream.of(args)).toList();
        return new Command(argv, workDir, Map.of("JAVA_HOME", System.getProperty("java.home")), true);
    }

    static Command.Result run(String... args) throws IOException, InterruptedException {
        return launcher(Product.home(), args).run(COMMAND_TIMEOUT, Product.WORK_DIR);
    }

    @Test
    void badParametersExitWith2PrintingEveryProblemAndStartNothing() throws Exception {
        Command.Result result = run("run", "ticker", "intervalMillis=0", "bogus=1");
        assertEquals(2, result.exitCode(), result::describe);
        List<String> lines = result.stderr().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("intervalMillis: must be between 1 and 3600000 ms, not 0")), result::describe);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("bogus: unknown parameter")), result::describe);
        assertFalse(result.stderr().contains(" started with "), result::describe);
        assertEquals("", result.stdout(), result::describe);
    }

    @Test
    void argumentsReachTheBundleWithSpacesAndEqualsSignsIntact() throws Exception {
        Command.Result result = run("run", "ticker", "start=1 2", "intervalMillis==5");
        assertEquals(2, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("start: must be a whole number, not '1 2'"), result::describe);
        assertTrue(result.stderr().contains("intervalMillis: must be a whole number, not '=5'"), result::describe);
    }

    @Test
    void runOnSaysWhereTheRunExecutesAndABadTargetIsAUsageError() throws Exception {
        Command.Result processes = run("run", "primes", "limit=1000", "--on", "processes");
        assertEquals(0, processes.exitCode(), processes::describe);
        assertEquals("168", processes.stdout().strip(), processes::describe);
        assertTrue(processes.stderr().contains(" s on processes, "), processes::describe);
        Command.Result bad = run("run", "primes", "--on", "gpu");
        assertEquals(2, bad.exitCode(), bad::describe);
        assertTrue(bad.stderr().contains("'gpu' is not a place to run units; choose auto, threads, processes, cluster"), bad::describe);
        Command.Result threads = run("run", "primes", "limit=1000", "--on", "threads");
        assertEquals(0, threads.exitCode(), threads::describe);
        assertTrue(threads.stderr().lines().anyMatch(l -> l.startsWith("Run ") && l.endsWith(" on threads")), threads::describe);
        assertTrue(threads.stderr().contains("SUCCEEDED in ") && threads.stderr().contains(" s on threads, "), threads::describe);
    }

    @Test
    void unknownProviderExitsWith2ListingTheInstalledOnes() throws Exception {
        Command.Result result = run("run", "nosuch");
        assertEquals(2, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("Unknown provider 'nosuch'; installed: "), result::describe);
        assertTrue(result.stderr().lines().anyMatch(l -> l.startsWith("Unknown provider") && l.contains("ticker")), result::describe);
        assertEquals("", result.stdout(), result::describe);
    }

    @Test
    void runWithoutAProviderIsAUsageError() throws Exception {
        Command.Result result = run("run");
        assertEquals(2, result.exitCode(), result::describe);
        assertTrue(result.stderr().startsWith("parallel-workbench run: Missing required parameter: '<provider>'\n"
                + "Usage: parallel-workbench run "), result::describe);
        assertTrue(result.stderr().contains("Try 'parallel-workbench run --help' for more information."), result::describe);
        assertEquals("", result.stdout(), result::describe);
    }

    @Test
    void aCommandsHelpHasItsOptionsAndExitCodes() throws Exception {
        Command.Result result = run("run", "--help");
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stdout().contains("      --retries=N       Tries a failing unit again up to N times (0-10).\n"),
                result::describe);
        assertTrue(result.stdout().contains("\n  130  cancelled (Ctrl+C)\n"), result::describe);
        assertEquals("", result.stderr(), result::describe);
    }

    /**
     * docs/command-line.md quotes the help; each quote, a {@code text} block that starts with the command after
     * "$ ", must be what that command prints now.
     */
    @Test
    void theHelpQuotedInTheDocsIsTheHelpPrinted() throws Exception {
        Path page = WorkerTemplateIT.CHECKOUT.resolve("docs/command-line.md");
        Matcher quote = HELP_QUOTE.matcher(Files.readString(page));
        int quotes = 0;
        while (quote.find()) {
            List<String> arguments = List.of(quote.group(1).split(" "));
            Command.Result result = run(arguments.toArray(String[]::new));
            assertEquals(0, result.exitCode(), result::describe);
            assertEquals(result.stdout(), quote.group(2), () -> page + " quotes an old help of " + arguments);
            quotes++;
        }
        assertTrue(quotes >= 2, () -> page + " quotes the help " + HELP_QUOTE.pattern() + " fewer than 2 times");
    }

    /** What a user sources into bash completes the commands, the targets of --on and file names for install. */
    @Test
    void completionLetsBashCompleteCommandsOptionsAndTheirValues() throws Exception {
        assertTrue(Files.isExecutable(BASH), "the completion test needs " + BASH);
        String script = """
                source <("$0" completion) || exit 9
                complete -p parallel-workbench
                complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMPREPLY=()
                    _complete_parallel-workbench 2>/dev/null; echo "$* -> ${COMPREPLY[*]}"; }
                complete_words parallel-workbench ru
                complete_words parallel-workbench run primes --on p
                complete_words parallel-workbench run primes --re
                complete_words parallel-workbench --
                """;
        Command.Result result = new Command(List.of(BASH.toString(), "-c", script, Product.home().resolve("bin/parallel-workbench").toString()),
                Product.home(), Map.of("JAVA_HOME", System.getProperty("java.home")), true).run(COMMAND_TIMEOUT, Product.WORK_DIR);
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(List.of("complete -o default -F _complete_parallel-workbench parallel-workbench",
                "parallel-workbench ru -> run",
                "parallel-workbench run primes --on p -> processes",
                "parallel-workbench run primes --re -> --retries",
                "parallel-workbench -- -> --smoke --console --help"), result.stdout().lines().toList(), result::describe);
    }

    @Test
    void providersListsEveryProviderWithItsParameters() throws Exception {
        Command.Result result = run("providers");
        assertEquals(0, result.exitCode(), result::describe);
        for (String id : List.of("checksums", "mandelbrot", "montecarlo", "primes", "ticker")) {
            assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith(id + " ")), () -> id + " missing\n" + result.describe());
        }
        assertTrue(result.stdout().contains("    limit="), result::describe);
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("ticker 0.1.0  Ticker")), result::describe);
        assertTrue(result.stdout().contains("    intervalMillis=1000 ms  (integer, 1..3600000 ms)  Time between two values."),
                result::describe);
        assertTrue(result.stdout().contains("    start=1  (integer, "), result::describe);
    }

    @Test
    void primesBelowAMillionPrints78498AndExits0() throws Exception {
        Command.Result result = run("run", "primes", "limit=1000000");
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals("78498", result.stdout().strip(), result::describe);
        assertTrue(result.stderr().contains("SUCCEEDED in "), result::describe);
        // Felix SCR logs component errors (e.g. a reference cycle) as "ERROR : bundle ..." lines.
        assertFalse(result.stderr().lines().anyMatch(l -> l.startsWith("ERROR")), result::describe);
        // stderr is the command's: its progress and summary, no INFO log lines, no JVM warning about Felix's Unsafe use.
        assertTrue(result.stderr().lines().allMatch(l -> l.startsWith("Run ") || l.startsWith("progress: ")
                || l.startsWith("SUCCEEDED in ")), result::describe);
        // The engine's INFO lines about the run are in the log file instead.
        String runId = result.stderr().lines().filter(l -> l.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
        String logged = logFiles();
        assertTrue(logged.contains("Run " + runId + " (Prime count run #1): RUNNING -> SUCCEEDED"),
                () -> "run " + runId + " is not in data/logs:\n" + logged);
    }

    /** Every log file of the product, one after the other. */
    static String logFiles() throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(Product.home().resolve("data/logs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    @Test
    void monteCarloExportsItsSeriesAsCsvWithAHeaderAndPoints(@TempDir Path workDir) throws Exception {
        Command.Result result = launcher(workDir, "run", "montecarlo", "samples=200000", "units=20", "--output", "pi.csv")
                .run(COMMAND_TIMEOUT, Product.WORK_DIR);
        assertEquals(0, result.exitCode(), result::describe);
        List<String> lines = Files.readAllLines(workDir.resolve("pi.csv"));
        assertEquals("samples,estimate of \u03c0", lines.get(0), result::describe);
        assertTrue(lines.size() > 1, () -> "no points: " + lines);
        for (String row : lines.subList(1, lines.size())) {
            String[] cells = row.split(",");
            assertEquals(2, cells.length, row);
            double estimate = Double.parseDouble(cells[1]);
            assertTrue(Long.parseLong(cells[0]) > 0 && estimate > 2 && estimate < 4, row);
        }
    }

    @Test
    void checksumsOfARelativeFolderExportAsCsvRowsInPathOrder(@TempDir Path workDir) throws Exception {
        Path data = Files.createDirectory(workDir.resolve("data"));
        Files.writeString(data.resolve("b.txt"), "second");
        Files.writeString(data.resolve("a, with comma.txt"), "first");
        Command.Result result = launcher(workDir, "run", "checksums", "folder=data", "--output", "sums.csv")
                .run(COMMAND_TIMEOUT, Product.WORK_DIR);
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals("2 rows", result.stdout().strip(), result::describe);
        assertEquals(List.of("File,Size (bytes),SHA-256", "\"a, with comma.txt\",5," + sha256("first"),
                "b.txt,6," + sha256("second")),
                Files.readAllLines(workDir.resolve("sums.csv")), result::describe);
    }

    @Test
    void mandelbrotExportsAPngOfTheRequestedSize(@TempDir Path workDir) throws Exception {
        Command.Result result = launcher(workDir, "run", "mandelbrot", "width=96", "height=64", "--output", "m.png")
                .run(COMMAND_TIMEOUT, Product.WORK_DIR);
        assertEquals(0, result.exitCode(), result::describe);
        BufferedImage image = ImageIO.read(workDir.resolve("m.png").toFile());
        assertEquals(96, image.getWidth(), result::describe);
        assertEquals(64, image.getHeight(), result::describe);
    }

    @Test
    void anImageResultCannotBeExportedAsCsv(@TempDir Path workDir) throws Exception {
        Command.Result result = launcher(workDir, "run", "mandelbrot", "width=16", "height=16", "--output", "m.csv")
                .run(COMMAND_TIMEOUT, Product.WORK_DIR);
        assertEquals(2, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("Image results cannot be written as .csv; use .json or .png"), result::describe);
        assertFalse(Files.exists(workDir.resolve("m.csv")), result::describe);
    }

    @Test
    void sigintCancelsARunningTickerAndExitsWith130() throws Exception {
        assertSignalCancelsTheRun("INT", SIGINT_EXIT_CODE);
    }

    @Test
    void sigtermCancelsARunningTickerAndExitsWith143() throws Exception {
        assertSignalCancelsTheRun("TERM", SIGTERM_EXIT_CODE);
    }

    private static String sha256(String content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A process started from a non-interactive shell's background job inherits SIGINT ignored, and the JVM
     * then rightly ignores it too; perl restores the default so the test does not depend on how the build
     * was started. The pid stays the product's: perl, sh and java each exec the next.
     */
    private static List<String> withDefaultSigint(List<String> argv) {
        return Stream.concat(Stream.of(PERL.toString(), "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--"),
                argv.stream()).toList();
    }

    private static void assertSignalCancelsTheRun(String signal, int expectedExit) throws Exception {
        Path home = Product.home();
        Files.createDirectories(Product.WORK_DIR);
        Path err = Files.createTempFile(Product.WORK_DIR, "signal-" + signal + "-stderr", ".txt");
        assertTrue(Files.isExecutable(PERL), "the signal tests need " + PERL + " to undo an inherited SIGINT ignore");
        ProcessBuilder builder = new ProcessBuilder(withDefaultSigint(List.of(home.resolve("bin/parallel-workbench").toString(),
                "run", "ticker", "intervalMillis=100"))).directory(home.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process product = builder.start();
        try {
            FileChanges.await(err, product, () -> Files.readString(err).contains(" started with "), COMMAND_TIMEOUT,
                    () -> "the ticker run did not start:\n" + Product.readQuietly(err));
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(product.pid())).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " failed");
            long signalled = System.nanoTime();
            assertTrue(product.waitFor(SIGNAL_EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    () -> "still running " + SIGNAL_EXIT_TIMEOUT.toSeconds() + " s after SIG" + signal + ":\n" + Product.readQuietly(err));
            String log = Files.readString(err);
            assertEquals(expectedExit, product.exitValue(), () -> "exit after SIG" + signal + ":\n" + log);
            assertTrue(log.contains("CANCELED after ") && log.contains(": interrupted: the product is stopping"),
                    () -> "the run was not reported cancelled:\n" + log);
            System.out.println("run ticker: SIG" + signal + " to exit " + product.exitValue() + " in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled) + " ms");
        } finally {
            product.destroyForcibly();
        }
    }
}
