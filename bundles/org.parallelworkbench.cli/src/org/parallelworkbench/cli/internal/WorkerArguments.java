package org.parallelworkbench.cli.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code install <jar|repository>} and {@code uninstall <symbolic-name> [--force]}, the same for the
 * headless commands and the Gogo ones.
 */
final class WorkerArguments {

    static final String FORCE = "--force";

    /** @param jar absolute, resolved against the caller's working directory */
    record Install(Path jar) {
    }

    record Uninstall(String symbolicName, boolean force) {
    }

    private WorkerArguments() {
    }

    /** @param workingDirectory what a relative path is relative to */
    static Install install(List<String> arguments, Path workingDirectory) throws UsageException {
        if (arguments.size() != 1 || arguments.get(0).isBlank()) {
            throw new UsageException("install takes one argument, the worker bundle's jar file or a p2 repository (folder or"
                    + " .zip); got " + arguments);
        }
        try {
            return new Install(workingDirectory.resolve(arguments.get(0)).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new UsageException("install: not a file name: " + e.getMessage());
        }
    }

    /** {@value #FORCE} may come before or after the name. */
    static Uninstall uninstall(List<String> arguments) throws UsageException {
        boolean force = false;
        List<String> names = new ArrayList<>();
        for (String argument : arguments) {
            if (FORCE.equals(argument)) {
                force = true;
            } else if (argument.startsWith("-")) {
                throw new UsageException("uninstall: unknown option " + argument + "; the only option is " + FORCE);
            } else {
                names.add(argument);
            }
        }
        if (names.size() != 1 || names.get(0).isBlank()) {
            throw new UsageException("uninstall takes one worker bundle symbolic name (and " + FORCE + "); got " + arguments);
        }
        return new Uninstall(names.get(0).trim(), force);
    }
}
