package org.parallelworkbench.cli.internal.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.RunOptions;

/**
 * A {@code run} as {@link RunArguments} parsed it.
 *
 * @param pairs  the {@code name=value} arguments as typed, checked only by {@code Parameters.parse}
 * @param target where the units should execute; {@link ExecutionTarget#AUTO} (the default) lets the engine choose
 * @param output the file to export the final result to, if asked
 */
public record RunRequest(String providerId, List<String> pairs, int retries, ExecutionTarget target, Optional<Path> output) {

    public RunRequest {
        Objects.requireNonNull(providerId, "providerId");
        pairs = List.copyOf(pairs);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(output, "output");
    }

    public RunOptions options() {
        return new RunOptions(retries, target);
    }

    /** Where a run executes as the command line words it: "threads", "processes" (or "auto"). */
    public static String word(ExecutionTarget target) {
        return target.name().toLowerCase(Locale.ROOT);
    }
}
