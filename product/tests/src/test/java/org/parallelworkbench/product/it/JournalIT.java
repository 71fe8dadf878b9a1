package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The run journal on the packaged product: a finished run and a run killed with the product (kill -9)
 * are both in the history that the next start of the product reads.
 */
class JournalIT {

    @Test
    void historySurvivesARestartAndShowsARunKilledWithTheProductAsInterrupted() throws Exception {
        Path home = Product.home();
        Path journal = home.resolve("data/journal/runs.jsonl");
        // Parameters unique to this test pick its runs out of a journal the other product tests share.
        Command.Result finished = CliIT.run("run", "primes", "limit=123457");
        assertEquals(0, finished.exitCode(), finished::describe);

        Files.createDirectories(Product.WORK_DIR);
        Path err = Files.createTempFile(Product.WORK_DIR, "journal-kill-stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/parallel-workbench").toString(), "run", "ticker",
                "start=424242").directory(home.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process product = builder.start();
        try {
            Files.createDirectories(journal.getParent());
            FileChanges.await(journal, product, () -> Files.exists(journal)
                    && Files.readString(journal).contains("\"start\":\"424242\""), CliIT.COMMAND_TIMEOUT,
                    () -> "the ticker run never reached the journal:\n" + Product.readQuietly(err));
        } finally {
            product.destroyForcibly(); // SIGKILL: no shutdown hook, no "ended" record
        }
        assertTrue(product.waitFor(10, TimeUnit.SECONDS), "the killed product did not end");

        Command.Result history = CliIT.run("history");
        assertEquals(0, history.exitCode(), history::describe);
        List<String> lines = history.stdout().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains(" primes ") && l.contains("SUCCEEDED") && l.contains("limit=123457")),
                history::describe);
        assertTrue(lines.stream().anyMatch(l -> l.contains(" ticker ") && l.contains("INTERRUPTED") && l.contains("start=424242")),
                history::describe);
        assertTrue(Files.readString(journal).lines().noneMatch(String::isBlank), "the journal has a damaged line");
    }
}
