package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The window on Felix, driven from the keyboard as a user would (xdotool under the test's X display, no window
 * manager needed): each finite shipped provider started once with Run on: Threads and once with Run on: Processes
 * gives the same result, and the journal records where each ran.
 */
class WindowRunOnIT {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    /** Inside the providers table, below its rows: a click there focuses the table without choosing a row. */
    static final int PROVIDERS_X = 60;
    static final int PROVIDERS_EMPTY_Y = 400;

    @Test
    void everyFiniteProviderStartedFromTheWindowOnThreadsAndOnProcessesGivesTheSameResult() throws Exception {
        assertTrue(System.getenv("DISPLAY") != null, "the window test needs a display: run it under xvfb-run");
        Path home = Product.home();
        Files.deleteIfExists(home.resolve("data/ui/last-parameters.properties")); // Run on starts at Default
        Path err = Files.createTempFile(Files.createDirectories(Product.WORK_DIR), "window-run-on-stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/parallel-workbench").toString())
                .directory(home.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process product = builder.start();
        try {
            FileChanges.await(err, product, () -> ProductIT.FIRST_PAINT.matcher(Files.readString(err)).find(),
                    ProductIT.GUI_TIMEOUT, () -> "no window painted:\n" + Product.readQuietly(err));
            String window = xdotool("search", "--sync", "--onlyvisible", "--pid", Long.toString(product.pid()),
                    "--name", "^Parallel Workbench").lines().findFirst().orElseThrow();
            Path journal = home.resolve("data/journal/runs.jsonl");
            String process = product.pid() + "@";
            // Providers sorted by name; the ticker runs until stopped and is compared in ProviderEquivalenceIT.
            List<String> providers = List.of("checksums", "mandelbrot", "montecarlo", "primes");
            for (int position = 0; position < providers.size(); position++) {
                xdotool("mousemove", "--window", window, Integer.toString(PROVIDERS_X), Integer.toString(PROVIDERS_EMPTY_Y),
                        "click", "1");
                xdotool("key", "Home");
                for (int down = 0; down < position; down++) {
                    xdotool("key", "Down");
                }
                for (String target : List.of("threads", "processes")) {
                    // Alt+N reaches Run on; each Down goes one further: Default, Threads, Processes. Enter starts.
                    xdotool("key", "alt+n");
                    xdotool("key", "Down");
                    xdotool("key", "Return");
                    int ended = 2 * position + (target.equals("threads") ? 1 : 2);
                    FileChanges.await(journal, product, () -> endedRuns(Files.readString(journal), process).size() >= ended,
                            STEP_TIMEOUT, () -> providers + " run " + ended + " from the window did not end:\n"
                                    + Product.readQuietly(journal) + "\n" + Product.readQuietly(err));
                }
            }

            String entries = Files.readString(journal);
            List<String> expectedIds = new ArrayList<>();
            List<String> expectedTargets = new ArrayList<>();
            providers.forEach(id -> {
                expectedIds.addAll(List.of(id, id));
                expectedTargets.addAll(List.of("THREADS", "PROCESSES"));
            });
            assertEquals(expectedIds, values(entries, process, "started", "providerId"), entries);
            assertEquals(expectedTargets, values(entries, process, "started", "target"), entries);
            List<String> results = endedRuns(entries, process);
            for (int i = 0; i < results.size(); i += 2) {
                assertTrue(results.get(i).startsWith("SUCCEEDED "), entries);
                assertEquals(results.get(i), results.get(i + 1), providers.get(i / 2) + " on threads and on processes");
            }
            assertEquals("SUCCEEDED 664579", results.get(6), "the prime count below 10,000,000");
        } finally {
            product.destroy();
            product.waitFor();
        }
    }

    private static String xdotool(String... arguments) throws Exception {
        List<String> argv = new ArrayList<>(List.of("xdotool"));
        argv.addAll(List.of(arguments));
        Command.Result result = new Command(argv, Product.WORK_DIR, Map.of(), true).run(STEP_TIMEOUT, Product.WORK_DIR);
        assertEquals(0, result.exitCode(), result::describe);
        return result.stdout();
    }

    /** "STATE summary" of this process's ended runs, in order. */
    private static List<String> endedRuns(String journal, String process) {
        List<String> ended = new ArrayList<>();
        Matcher line = Pattern.compile("(?m)^\\{\"type\":\"ended\".*\"process\":\"" + Pattern.quote(process)
                + "[^\"]*\".*\"state\":\"([A-Z]+)\".*\"summary\":\"([^\"]*)\".*$").matcher(journal);
        while (line.find()) {
            ended.add(line.group(1) + " " + line.group(2));
        }
        return ended;
    }

    /** A member of this process's journal lines of one type, in order. */
    private static List<String> values(String journal, String process, String type, String member) {
        List<String> values = new ArrayList<>();
        Matcher line = Pattern.compile("(?m)^\\{\"type\":\"" + type + "\".*\"process\":\"" + Pattern.quote(process)
                + "[^\"]*\".*$").matcher(journal);
        while (line.find()) {
            Matcher value = Pattern.compile("\"" + member + "\":\"([^\"]*)\"").matcher(line.group());
            values.add(value.find() ? value.group(1) : "(none)");
        }
        return values;
    }
}
