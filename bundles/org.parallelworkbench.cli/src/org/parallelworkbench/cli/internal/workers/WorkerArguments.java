package org.parallelworkbench.cli.internal.workers;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.parallelworkbench.cli.internal.command.UsageException;

/**
 * The arguments of {@code install <jar|repository> [--force]} and {@code uninstall <symbolic-name> [--force]}, the
 * same for the headless commands and the Gogo ones. {@value #FORCE} (before or after the name) lets an update or
 * uninstall go ahead while runs of the bundle's providers are active, cancelling them.
 */
public final class WorkerArguments {

    static final String FORCE = "--force";

    /** @param jar absolute, resolved against the caller's working directory */
    public record Install(Path jar, boolean force) {
    }

    public record Uninstall(String symbolicName, boolean force) {
    }

    /** The one name and whether {@value #FORCE} was given. */
    private record Named(String name, boolean force) {
    }

    private WorkerArguments() {
    }

    /** @param workingDirectory what a relative path is relative to */
    public static Install install(List<String> arguments, Path workingDirectory) throws UsageException {
        Named named = named("install", arguments, "one argument, the worker bundle's jar file or a p2 repository (folder or"
                + " .zip)");
        try {
            return new Install(workingDirectory.resolve(named.name()).toAbsolutePath().normalize(), named.force());
        } catch (InvalidPathException e) {
            throw new UsageException("install: not a file name: " + e.getMessage());
        }
    }

    public static Uninstall uninstall(List<String> arguments) throws UsageException {
        Named named = named("uninstall", arguments, "one worker bundle symbolic name");
        return new Uninstall(named.name().trim(), named.force());
    }

    private static Named named(String command, List<String> arguments, String expected) throws UsageException {
        boolean force = false;
        List<String> names = new ArrayList<>();
        for (String argument : arguments) {
            if (FORCE.equals(argument)) {
                force = true;
            } else if (argument.startsWith("-")) {
                throw new UsageException(command + ": unknown option " + argument + "; the only option is " + FORCE);
            } else {
                names.add(argument);
            }
        }
        if (names.size() != 1 || names.get(0).isBlank()) {
            throw new UsageException(command + " takes " + expected + " (and " + FORCE + "); got " + arguments);
        }
        return new Named(names.get(0), force);
    }
}
