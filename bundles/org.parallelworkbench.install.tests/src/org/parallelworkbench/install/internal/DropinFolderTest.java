package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.testing.TestJars;

class DropinFolderTest {

    @TempDir
    Path temp;

    private final WorkerBundleInspector inspector = new WorkerBundleInspector("0.5.0");

    @Test
    void aJarGoesInUnderItsSymbolicNameAndAReplacementKeepsTheFileFileInstallKnows() throws IOException {
        DropinFolder dropins = new DropinFolder(temp.resolve("dropins"));
        Path downloaded = temp.resolve("downloads/any-name-1.0.jar");
        Files.createDirectories(downloaded.getParent());

        Path installed = DropinFiles.copyInto(dropins, inspector.inspect(TestJars.bundle("com.example.good", "1.0.0").write(downloaded)));
        Files.move(installed, dropins.path().resolve("renamed-by-the-user.jar"));
        Path replaced = DropinFiles.copyInto(dropins, inspector.inspect(TestJars.bundle("com.example.good", "1.1.0").write(downloaded)));

        assertEquals(dropins.path().resolve("com.example.good.jar"), installed);
        assertEquals(dropins.path().resolve("renamed-by-the-user.jar"), replaced, "an update, not a second bundle");
        assertEquals(List.of(replaced), dropins.jars(), "one jar, no temporary file left");
        assertEquals("1.1.0", inspector.inspect(replaced).version());
    }

    @Test
    void aJarWithAnErrorIsNotCopied() throws IOException {
        DropinFolder dropins = new DropinFolder(temp.resolve("dropins"));
        WorkerBundleReport notAJar = inspector.inspect(Files.writeString(temp.resolve("notes.jar"), "not a zip"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DropinFiles.copyInto(dropins, notAJar));

        assertTrue(refused.getMessage().startsWith("notes.jar is not a jar"), refused.getMessage());
        assertEquals(List.of(), dropins.jars());
    }

    @Test
    void uninstallDeletesTheDropinWithThatSymbolicNameOnly() throws IOException {
        DropinFolder dropins = new DropinFolder(temp.resolve("dropins"));
        Files.createDirectories(temp.resolve("src"));
        Path keep = DropinFiles.copyInto(dropins, inspector.inspect(TestJars.bundle("com.example.keep", "1.0.0").write(temp.resolve("src/a.jar"))));
        Path gone = DropinFiles.copyInto(dropins, inspector.inspect(TestJars.bundle("com.example.gone", "1.0.0").write(temp.resolve("src/b.jar"))));

        assertEquals(Optional.of(gone), DropinFiles.delete(dropins, "com.example.gone"));
        assertEquals(Optional.empty(), DropinFiles.delete(dropins, "com.example.never"));

        assertFalse(Files.exists(gone));
        assertEquals(List.of(keep), dropins.jars());
    }

    @Test
    void itHoldsTheJarsDirectlyInItByFileUriOrPathOnly() throws IOException {
        Path folder = temp.resolve("extra");
        DropinFolder extra = new DropinFolder(folder);

        assertTrue(extra.holds(folder.resolve("a.jar").toUri().toString()));
        assertTrue(extra.holds(folder.resolve("a.jar").toString()));
        assertTrue(extra.holds(folder.resolve("sub/../a.jar").toString()));
        assertFalse(extra.holds(folder.resolve("sub/a.jar").toUri().toString()), "File Install's subfolders are exploded bundles");
        assertFalse(extra.holds("reference:" + folder.resolve("a.jar").toUri()));
        assertFalse(extra.holds("extra/a.jar"));
        assertFalse(extra.holds(temp.resolve("extra-not/a.jar").toString()));
        assertFalse(extra.holds(""));
    }

    @Test
    void aSymlinkedFolderHoldsTheJarsFileInstallFindsThroughItsTarget() throws IOException {
        Path target = Files.createDirectories(temp.resolve("real"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), target);

        assertTrue(new DropinFolder(link).holds(target.resolve("a.jar").toUri().toString()));
        assertFalse(new DropinFolder(link).holds(temp.resolve("a.jar").toUri().toString()));
    }
}
