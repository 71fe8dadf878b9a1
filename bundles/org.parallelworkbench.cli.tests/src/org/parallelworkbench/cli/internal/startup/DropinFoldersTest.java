package org.parallelworkbench.cli.internal.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropinFoldersTest {

    @TempDir
    Path home;

    @Test
    void theJarsOfEveryWatchedFolderButHiddenOnesAndOtherFiles() throws IOException {
        Path dropins = Files.createDirectories(home.resolve("dropins"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path worker = Files.writeString(dropins.resolve("worker.jar"), "");
        Files.writeString(dropins.resolve(".worker2.jar"), ""); // a copy in progress
        Files.writeString(dropins.resolve("README.txt"), "");
        Files.writeString(conf.resolve("org.parallelworkbench.engine.cfg"), "");

        List<Path> jars = DropinFolders.jars(dropins + ", " + conf + "," + home.resolve("missing"));

        assertEquals(List.of(worker.toAbsolutePath().normalize()), jars);
        assertEquals(List.of(), DropinFolders.jars(null));
    }

    @Test
    void aFileLocationNamesItsFileOthersNone() {
        Path jar = home.resolve("dropins/worker.jar").toAbsolutePath().normalize();

        assertEquals(jar, DropinFolders.fileOf(jar.toUri().toString()));
        assertEquals(jar, DropinFolders.fileOf("file:" + jar));
        assertNull(DropinFolders.fileOf("reference:file:" + jar));
        assertNull(DropinFolders.fileOf(null));
    }
}
