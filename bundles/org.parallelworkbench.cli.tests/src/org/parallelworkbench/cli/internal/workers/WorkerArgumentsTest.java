package org.parallelworkbench.cli.internal.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.cli.internal.command.CommandLines;
import org.parallelworkbench.cli.internal.command.UsageException;

/** install and uninstall arguments, as the headless commands and pw:install / pw:uninstall read them. */
class WorkerArgumentsTest {

    private static WorkerArguments.Install install(String... arguments) throws UsageException {
        WorkerArguments.Install install = new WorkerArguments.Install();
        CommandLines.parse(CommandLines.create(install), List.of(arguments));
        return install;
    }

    private static WorkerArguments.Uninstall uninstall(String... arguments) throws UsageException {
        WorkerArguments.Uninstall uninstall = new WorkerArguments.Uninstall();
        CommandLines.parse(CommandLines.create(uninstall), List.of(arguments));
        return uninstall;
    }

    @Test
    void installResolvesARelativeJarAgainstTheWorkingDirectory() throws Exception {
        Path cwd = Path.of("/home/user/work");
        assertEquals(Path.of("/home/user/w.jar"), install("../w.jar").jar(cwd));
        assertEquals(Path.of("/tmp/w.jar"), install("/tmp/w.jar").jar(cwd));
    }

    @Test
    void installTakesForceOnEitherSideOfTheFile() throws Exception {
        assertTrue(install("--force", "w.jar").force());
        WorkerArguments.Install forced = install("w.jar", "--force");
        assertTrue(forced.force());
        assertEquals(Path.of("/tmp/w.jar"), forced.jar(Path.of("/tmp")));
        assertFalse(install("w.jar").force());
        UsageException option = assertThrows(UsageException.class, () -> install("-x", "w.jar"));
        assertEquals("install: Unknown option: '-x'", option.lines().get(0));
        assertEquals("Usage: install [-h] [--force] <jar|repository>", option.lines().get(1));
    }

    @Test
    void installNeedsExactlyOneJar() {
        UsageException none = assertThrows(UsageException.class, () -> install());
        assertEquals("install: Missing required parameter: '<jar|repository>'", none.lines().get(0));
        UsageException two = assertThrows(UsageException.class, () -> install("a.jar", "b.jar"));
        assertEquals("install: Unmatched argument at index 1: 'b.jar'", two.lines().get(0));
        UsageException blank = assertThrows(UsageException.class, () -> install(" "));
        assertEquals("install: the worker bundle's jar file or p2 repository is missing", blank.lines().get(0));
    }

    @Test
    void uninstallTakesANameAndForceOnEitherSide() throws Exception {
        assertEquals("com.example.w", uninstall("com.example.w").symbolicName());
        assertTrue(uninstall("com.example.w", "--force").force());
        assertTrue(uninstall("--force", "com.example.w").force());
        assertFalse(uninstall("com.example.w").force());
        assertEquals("com.example.w", uninstall(" com.example.w ").symbolicName());
    }

    @Test
    void uninstallRefusesUnknownOptionsAndMissingOrExtraNames() {
        UsageException option = assertThrows(UsageException.class, () -> uninstall("w", "-f"));
        assertEquals("uninstall: Unknown option: '-f'", option.lines().get(0));
        UsageException none = assertThrows(UsageException.class, () -> uninstall("--force"));
        assertEquals("uninstall: Missing required parameter: '<symbolic-name>'", none.lines().get(0));
        assertThrows(UsageException.class, () -> uninstall("a", "b"));
        assertThrows(UsageException.class, () -> uninstall(" "));
    }
}
