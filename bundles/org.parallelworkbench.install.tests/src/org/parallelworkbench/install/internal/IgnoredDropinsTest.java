package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.testing.LoggedWarnings;
import org.parallelworkbench.testing.TestJars;

/** The File Install listener that says why a jar is ignored, called as File Install calls it; no framework. */
class IgnoredDropinsTest {

    private final IgnoredDropins listener = new IgnoredDropins(new WorkerBundleInspector("0.5.0"));

    @TempDir
    Path folder;

    @Test
    void aTextFileNamedJarIsReportedOnceAsNotAJarAcrossScans() throws IOException {
        Path dropins = Files.createDirectories(folder.resolve("dropins"));
        Path notes = Files.writeString(dropins.resolve("notes.jar"), "just some text\n");
        try (LoggedWarnings log = new LoggedWarnings(IgnoredDropins.class.getName())) {
            assertFalse(listener.canHandle(notes.toFile()));
            assertFalse(listener.canHandle(notes.toFile()));

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
            Files.setLastModifiedTime(plain, FileTime.fromMillis(Files.getLastModifiedTime(plain).toMillis() + 5_000));
            assertFalse(listener.canHandle(plain.toFile()));

            List<String> lines = log.containing("plain.jar has no bundle manifest");
            assertEquals(2, lines.size(), log.warnings()::toString);
            assertEquals(2, log.warnings().size(), log.warnings()::toString);
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

            assertEquals(List.of(), log.warnings());
        }
    }
}
