package org.parallelworkbench.cli.internal.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.parallelworkbench.cli.internal.command.UsageException;

/**
 * The command-line arguments that {@code bin/parallel-workbench} hands to the framework: one property
 * per argument, {@value #ARGUMENT_PROPERTY_PREFIX}{@code 0} ... {@code N-1}, and their count in
 * {@value #COUNT_PROPERTY}. A {@code -Dname=value} option is one element of the JVM's argv and its value
 * is everything after the first '=', so every character of an argument (spaces, '=', quotes, newlines)
 * arrives unchanged without any encoding, and no temporary file has to be cleaned up.
 */
final class LaunchArguments {

    static final String COUNT_PROPERTY = "parallelworkbench.argc";
    static final String ARGUMENT_PROPERTY_PREFIX = "parallelworkbench.arg.";
    /** Far above any real command line; guards against a nonsense count. */
    static final int MAX_ARGUMENTS = 10_000;

    private LaunchArguments() {
    }

    /**
     * @param properties framework property lookup, e.g. {@code BundleContext::getProperty}
     * @return the arguments in order; empty when the count is absent
     * @throws UsageException if the count is not a number in range or an argument is missing
     */
    static List<String> read(Function<String, String> properties) throws UsageException {
        String countText = properties.apply(COUNT_PROPERTY);
        if (countText == null || countText.isBlank()) {
            return List.of();
        }
        int count;
        try {
            count = Integer.parseInt(countText.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(COUNT_PROPERTY + " must be a whole number, not '" + countText + "'");
        }
        if (count < 0 || count > MAX_ARGUMENTS) {
            throw new UsageException(COUNT_PROPERTY + " must be between 0 and " + MAX_ARGUMENTS + ", not " + count);
        }
        List<String> arguments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String argument = properties.apply(ARGUMENT_PROPERTY_PREFIX + i);
            if (argument == null) {
                throw new UsageException("Argument " + i + " of " + count + " is missing (" + ARGUMENT_PROPERTY_PREFIX + i + ")");
            }
            arguments.add(argument);
        }
        return List.copyOf(arguments);
    }
}
