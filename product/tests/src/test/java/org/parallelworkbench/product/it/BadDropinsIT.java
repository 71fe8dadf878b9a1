package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelworkbench.product.it.Dropins.listed;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad files dropped into the running product's {@code dropins/}, one of each kind the platform explains:
 * each gets one clear line on stderr (the System.Logger lines of the install bundle and the engine), that
 * line is not repeated by later File Install scans, and the providers that were there go on running.
 * One product for all cases, to keep it fast; the files get names of their own and are removed afterwards.
 */
class BadDropinsIT {

    /** File Install polls twice a second; the rest is install, resolve, start and SCR on a loaded machine. */
    static final Duration LINE_TIMEOUT = Duration.ofSeconds(30);
    static final String PLATFORM_READY = "ticker 0.1.0  Ticker";

    private final Dropins dropins = new Dropins();

    @AfterEach
    void removeDroppedFiles() throws IOException {
        dropins.close();
    }

    @Test
    void eachBadDropinGetsOneClearLineAndTheProvidersThatWereThereGoOnRunning() throws Exception {
        WorkerJar good = WorkerJar.provider("baddropins-good");
        WorkerJar noManifest = WorkerJar.provider("baddropins-nomanifest").withoutManifest();
        WorkerJar unresolved = WorkerJar.provider("baddropins-unresolved")
                .header("Import-Package", WorkerJar.SPI_IMPORT + ",com.example.baddropins.missing;version=\"[1,2)\"");
        WorkerJar otherSpi = WorkerJar.provider("baddropins-otherspi")
                .header("Import-Package", WorkerJar.SPI_PACKAGE + ";version=\"[0.6,0.7)\"");
        WorkerJar duplicate = WorkerJar.provider("primes").symbolicName("org.parallelworkbench.it.dropin.baddropins.primes")
                .answer("impostor");
        WorkerJar activatorThrows = WorkerJar.provider("baddropins-activator")
                .activatorStart("throw new IllegalStateException(\"baddropins activator refuses\");");
        WorkerJar componentThrows = WorkerJar.provider("baddropins-component")
                .componentActivate("throw new IllegalStateException(\"baddropins component refuses\");");

        try (Console console = Console.start("baddropins")) {
            console.askUntil("pw:providers", a -> a.contains(PLATFORM_READY), Console.STEP_TIMEOUT, PLATFORM_READY);
            dropins.drop(good);
            console.askUntil("pw:providers", a -> a.contains(listed(good)), LINE_TIMEOUT, listed(good));

            // What each bad file must make the product say, as parts of one stderr line.
            Map<String, List<String>> expected = new LinkedHashMap<>();
            dropins.dropText("baddropins-notes.jar", "just some notes, not a jar\n");
            expected.put("not a jar", List.of("dropins/baddropins-notes.jar is not a jar: ", "; File Install ignores it"));
            dropins.drop(noManifest);
            expected.put("no bundle manifest", List.of("dropins/" + Dropins.place(noManifest).getFileName() + " has no bundle manifest",
                    "; File Install ignores it"));
            dropins.drop(unresolved);
            expected.put("unresolved import", List.of(unresolved.symbolicName(), " cannot be resolved: it needs ",
                    "com.example.baddropins.missing", "which no installed bundle provides"));
            dropins.drop(otherSpi);
            expected.put("SPI version", List.of(otherSpi.symbolicName(),
                    "needs the provider SPI org.parallelworkbench.core ", "; this platform provides 0.5.0"));
            dropins.drop(duplicate);
            expected.put("duplicate provider id", List.of("Provider 'primes' 1.0.0 is installed twice, now from bundle "
                    + duplicate.symbolicName() + " 1.0.0, first from bundle org.parallelworkbench.workers.primes ",
                    "; the first one stays in use"));
            dropins.drop(activatorThrows);
            expected.put("activator throws", List.of(activatorThrows.symbolicName(),
                    " failed to start: java.lang.IllegalStateException: baddropins activator refuses"));
            dropins.drop(componentThrows);
            expected.put("component throws", List.of(componentThrows.symbolicName(), ": component ", " failed to activate: ",
                    "baddropins component refuses"));

            Map<String, String> lines = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> each : expected.entrySet()) {
                lines.put(each.getKey(), awaitLine(console, each.getKey(), each.getValue()));
            }

            // A later drop-in listed means File Install has scanned dropins/ at least twice more (a new file is
            // taken once it stayed the same for a poll), and retried the files it ignores.
            WorkerJar later = WorkerJar.provider("baddropins-later");
            dropins.drop(later);
            console.askUntil("pw:providers", a -> a.contains(listed(later)), LINE_TIMEOUT, listed(later));
            assertEquals("v1", console.resultOf(later.providerId()));

            String stderr = console.stderr();
            lines.forEach((kind, line) -> assertEquals(1, occurrences(stderr, line),
                    () -> "the " + kind + " line is not there exactly once: " + line + "\n" + stderr));

            assertEquals("v1", console.resultOf(good.providerId()), "a drop-in from before the bad ones");
            assertTrue(console.resultOf("primes limit=1000").contains("168"), "the shipped primes, not its impostor");
            assertTrue(console.ask("pw:providers").contains(PLATFORM_READY));

            assertEquals(0, console.stop(), console::toString);
            lines.forEach((kind, line) -> System.out.println("bad drop-in, " + kind + ": " + line));
        }
    }

    /** The stderr line holding every part, waited for as File Install and the framework get to the file. */
    private static String awaitLine(Console console, String kind, List<String> parts) throws IOException, InterruptedException {
        String[] found = new String[1];
        FileChanges.await(console.stderrFile(), () -> {
            found[0] = console.stderr().lines().filter(l -> parts.stream().allMatch(l::contains)).findFirst().orElse(null);
            return found[0] != null;
        }, LINE_TIMEOUT, () -> "no line for the " + kind + " drop-in, expected one with " + parts + "\n" + console);
        return found[0].strip();
    }

    private static int occurrences(String text, String line) {
        return (int) text.lines().filter(l -> l.strip().equals(line)).count();
    }
}
