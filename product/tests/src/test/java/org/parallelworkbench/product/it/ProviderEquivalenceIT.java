package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped provider gives the same result on threads and on worker processes, headless and in the Gogo
 * console of the packaged product: the same answer, the same exported file, and the log says where each run
 * executed.
 */
class ProviderEquivalenceIT {

    private static final Pattern RUN_ID = Pattern.compile("(?m)^Run (\\S+) of ");

    @Test
    void everyFiniteProviderAnswersTheSameHeadlessOnThreadsAndOnProcesses(@TempDir Path workDir) throws Exception {
        Path folder = Files.createDirectories(workDir.resolve("files"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(folder.resolve("file-" + i + ".txt"), "content " + i + "\n".repeat(i * 100));
        }
        List<List<String>> runs = List.of(
                List.of("primes", "limit=3000000", "chunkSize=100000"),
                List.of("montecarlo", "samples=200000", "units=8", "seed=7"),
                List.of("mandelbrot", "width=96", "height=64", "tileSize=16", "maxIterations=200", "--output", "OUT.png"),
                List.of("checksums", "folder=" + folder, "--output", "OUT.csv"));
        for (List<String> run : runs) {
            Answer threads = run(workDir, run, "threads");
            Answer processes = run(workDir, run, "processes");
            assertEquals(threads.stdout(), processes.stdout(), "stdout of " + run);
            assertArrayEquals(threads.output(), processes.output(), "the exported file of " + run);
        }
    }

    @Test
    void everyProviderAnswersTheSameInTheConsoleOnThreadsAndOnProcesses() throws Exception {
        try (Console console = Console.start("equivalence")) {
            console.askUntil("pw:providers", a -> a.contains(ConsoleIT.TICKER), Console.STEP_TIMEOUT, ConsoleIT.TICKER);
            for (String run : List.of("primes limit=3000000 chunkSize=100000", "montecarlo samples=200000 units=8 seed=7",
                    "mandelbrot width=96 height=64 tileSize=16 maxIterations=200")) {
                String onThreads = console.resultOf(run + " --on threads");
                String onProcesses = console.resultOf(run + " --on processes");
                assertEquals(onThreads, onProcesses, run);
            }
            for (String target : List.of("threads", "processes")) {
                String id = console.startRun("ticker start=100 intervalMillis=20 --on " + target);
                console.askUntil("pw:runs", a -> Pattern.compile("  " + id + "  ticker  RUNNING  on " + target + "  (\\d+) units").matcher(a)
                        .results().anyMatch(m -> Integer.parseInt(m.group(1)) >= 5), Console.STEP_TIMEOUT, "5 ticks");
                console.ask("pw:cancel " + id);
                assertTrue(console.awaitEnd(id, "ticker").startsWith("CANCELED  "), console::toString);
                String journal = Files.readString(Product.home().resolve("data/journal/runs.jsonl"));
                Matcher value = Pattern.compile("\"type\":\"ended\"[^\\n]*\"runId\":\"" + Pattern.quote(id)
                        + "\"[^\\n]*\"summary\":\"(\\d+)\"").matcher(journal);
                assertTrue(value.find() && Long.parseLong(value.group(1)) >= 104, target + ": the ticker did not count up"
                        + " from 100 past 104:\n" + journal);
                assertTrue(console.stderr().contains("Run " + id + " (Ticker run #") && console.stderr()
                        .contains("SCHEDULED on " + target), "the ticker did not run on " + target);
            }
        }
    }

    private record Answer(String stdout, byte[] output) {
    }

    /** Runs headless with {@code --on target}; checks in the log file that it ran there. */
    private static Answer run(Path workDir, List<String> arguments, String target) throws Exception {
        Path output = workDir.resolve(target + "-" + arguments.get(0) + (arguments.contains("OUT.png") ? ".png" : ".csv"));
        List<String> argv = new ArrayList<>(List.of("run"));
        arguments.forEach(a -> argv.add(a.startsWith("OUT.") ? output.toString() : a));
        argv.add("--on");
        argv.add(target);
        Command.Result result = CliIT.launcher(workDir, argv.toArray(String[]::new)).run(CliIT.COMMAND_TIMEOUT, Product.WORK_DIR);
        assertEquals(0, result.exitCode(), result::describe);
        Matcher id = RUN_ID.matcher(result.stderr());
        assertTrue(id.find(), result::describe);
        String log = CliIT.logFiles();
        assertTrue(Pattern.compile("Run " + Pattern.quote(id.group(1)) + " \\([^)]*\\): SCHEDULED on " + target).matcher(log)
                .find(), () -> "run " + id.group(1) + " did not execute on " + target + ":\n" + result.describe());
        return new Answer(result.stdout(), arguments.stream().anyMatch(a -> a.startsWith("OUT.")) ? Files.readAllBytes(output)
                : new byte[0]);
    }
}
