package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.testing.LoggedWarnings;
import org.parallelworkbench.testing.TestJars;

/**
 * The File Install listener that says why a jar is ignored, called as File Install calls it; no framework. Its
 * quiet periods pass when the test says so.
 */
class IgnoredDropinsTest {

    private final List<Runnable> quietPeriods = new ArrayList<>();
    private final IgnoredDropins listener = new IgnoredDropins(new WorkerBundleInspector("0.5.0"), (delay, task) -> {
        assertEquals(IgnoredDropins.QUIET, delay);
        quietPeriods.add(task);
    }, () -> { });

    private void quietPeriodsPass() {
        List<Runnable> due = List.copyOf(quietPeriods);
        quietPeriods.clear();
        due.forEach(Runnable::run);
    }

    @TempDir
    Path folder;

    @Test
    void aTextFileNamedJarIsReportedOnceAsNotAJarAcrossScans() throws IOException {
        Path dropins = Files.createDirectories(folder.resolve("dropins"));
        Path notes = Files.writeString(dropins.resolve("notes.jar"), "just some text\n");
        try (LoggedWarnings log = new LoggedWarnings(IgnoredDropins.class.getName())) {
            assertFalse(listener.canHandle(notes.toFile()));
            assertFalse(listener.canHandle(notes.toFile()));
            assertEquals(List.of(), log.warnings(), "reported before its quiet period");
            quietPeriodsPass();
            assertFalse(listener.canHandle(notes.toFile()));
            quietPeriodsPass();

            List<String> lines = log.warnings();
            assertEquals(1, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("dropins/notes.jar is not a jar: "), lines.get(0));
            assertTrue(lines.get(0).endsWith("; File Install ignores it"), lines.get(0));
        }
    }

    @Test
    void aJarWithoutBundleManifestIsReportedAgainOnlyWhenItChanges() throws IOException {
        Path plain = TestJars.plainJar().entry("readme.txt", "hello").write(folder.resolve("plain.jar"));
        try (LoggedWarnings log = new LoggedWarnings(IgnoredDropins.class.getName())) {
            assertFalse(listener.canHandle(plain.toFile()));
            assertFalse(listener.canHandle(plain.toFile()));
            quietPeriodsPass();
            Files.setLastModifiedTime(plain, FileTime.fromMillis(Files.getLastModifiedTime(plain).toMillis() + 5_000));
            assertFalse(listener.canHandle(plain.toFile()));
            quietPeriodsPass();

            List<String> lines = log.containing("plain.jar has no bundle manifest");
            assertEquals(2, lines.size(), log.warnings()::toString);
            assertEquals(2, log.warnings().size(), log.warnings()::toString);
        }
    }

    /** A copy from a slow share pauses longer than File Install's poll: the half-copied jar is no jar yet. */
    @Test
    void aBundleStillBeingCopiedIsNotReportedAndOneThatStaysBrokenIsOnce() throws IOException {
        Path whole = TestJars.bundle("com.example.copied", "1.0.0").entry("data.txt", "x".repeat(10_000))
                .write(folder.resolve("whole.jar"));
        byte[] bytes = Files.readAllBytes(whole);
        Path dropins = Files.createDirectories(folder.resolve("dropins"));
        Path copying = dropins.resolve("copied.jar");
        try (LoggedWarnings log = new LoggedWarnings(IgnoredDropins.class.getName())) {
            Files.write(copying, Arrays.copyOf(bytes, bytes.length / 3));
            assertFalse(listener.canHandle(copying.toFile()));
            Files.write(copying, Arrays.copyOf(bytes, 2 * bytes.length / 3));
            assertFalse(listener.canHandle(copying.toFile()));
            Files.write(copying, bytes);
            assertFalse(listener.canHandle(copying.toFile()));
            quietPeriodsPass();
            assertEquals(List.of(), log.warnings(), "a jar reported while it was being copied");

            Path stuck = Files.write(dropins.resolve("stuck.jar"), Arrays.copyOf(bytes, bytes.length / 2));
            assertFalse(listener.canHandle(stuck.toFile()));
            quietPeriodsPass();
            assertFalse(listener.canHandle(stuck.toFile()));
            quietPeriodsPass();
            List<String> lines = log.warnings();
            assertEquals(1, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("dropins/stuck.jar is not a jar: "), lines.get(0));
        }
    }

    @Test
    void bundlesAndOtherFilesAreLeftToFileInstallWithoutAWord() throws IOException {
        Path bundle = TestJars.bundle("com.example.fine", "1.0.0").write(folder.resolve("fine.jar"));
        Path config = Files.writeString(folder.resolve("org.example.cfg"), "not=a jar\n");
        try (LoggedWarnings log = new LoggedWarnings(IgnoredDropins.class.getName())) {
            assertFalse(listener.canHandle(bundle.toFile()));
            assertFalse(listener.canHandle(config.toFile()));
            assertFalse(listener.canHandle(folder.resolve("gone.jar").toFile()));
            quietPeriodsPass();

            assertEquals(List.of(), log.warnings());
        }
    }
}
