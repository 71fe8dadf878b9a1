package org.parallelworkbench.cli.internal.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.cli.internal.command.UsageException;

/** install and uninstall arguments, as the headless commands and pw:install / pw:uninstall read them. */
class WorkerArgumentsTest {

    @Test
    void installResolvesARelativeJarAgainstTheWorkingDirectory() throws Exception {
        Path cwd = Path.of("/home/user/work");
        assertEquals(Path.of("/home/user/w.jar"), WorkerArguments.install(List.of("../w.jar"), cwd).jar());
        assertEquals(Path.of("/tmp/w.jar"), WorkerArguments.install(List.of("/tmp/w.jar"), cwd).jar());
    }

    @Test
    void installTakesForceOnEitherSideOfTheFile() throws Exception {
        assertTrue(WorkerArguments.install(List.of("--force", "w.jar"), Path.of("/tmp")).force());
        assertEquals(new WorkerArguments.Install(Path.of("/tmp/w.jar"), true),
                WorkerArguments.install(List.of("w.jar", "--force"), Path.of("/tmp")));
        assertFalse(WorkerArguments.install(List.of("w.jar"), Path.of("/tmp")).force());
        UsageException option = assertThrows(UsageException.class, () -> WorkerArguments.install(List.of("-x", "w.jar"), Path.of("/")));
        assertEquals("install: unknown option -x; the only option is --force", option.getMessage());
    }

    @Test
    void installNeedsExactlyOneJar() {
        UsageException none = assertThrows(UsageException.class, () -> WorkerArguments.install(List.of(), Path.of("/")));
        assertTrue(none.getMessage().startsWith("install takes one argument"), none.getMessage());
        assertThrows(UsageException.class, () -> WorkerArguments.install(List.of("a.jar", "b.jar"), Path.of("/")));
        assertThrows(UsageException.class, () -> WorkerArguments.install(List.of(" "), Path.of("/")));
    }

    @Test
    void uninstallTakesANameAndForceOnEitherSide() throws Exception {
        assertEquals(new WorkerArguments.Uninstall("com.example.w", false), WorkerArguments.uninstall(List.of("com.example.w")));
        assertEquals(new WorkerArguments.Uninstall("com.example.w", true),
                WorkerArguments.uninstall(List.of("com.example.w", "--force")));
        assertTrue(WorkerArguments.uninstall(List.of("--force", "com.example.w")).force());
        assertFalse(WorkerArguments.uninstall(List.of("com.example.w")).force());
    }

    @Test
    void uninstallRefusesUnknownOptionsAndMissingOrExtraNames() {
        UsageException option = assertThrows(UsageException.class, () -> WorkerArguments.uninstall(List.of("w", "-f")));
        assertEquals("uninstall: unknown option -f; the only option is --force", option.getMessage());
        assertThrows(UsageException.class, () -> WorkerArguments.uninstall(List.of("--force")));
        assertThrows(UsageException.class, () -> WorkerArguments.uninstall(List.of("a", "b")));
    }
}
