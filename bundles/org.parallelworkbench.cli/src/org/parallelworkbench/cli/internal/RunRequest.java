package org.parallelworkbench.cli.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.parallelworkbench.core.RunOptions;

/**
 * {@code run <provider> [name=value ...] [--retries N] [--output FILE]}, parsed. Options may come before,
 * between or after the pairs, as {@code --retries N} or {@code --retries=N}; {@code --} ends the options.
 *
 * @param pairs  the {@code name=value} arguments as typed, checked only by {@code Parameters.parse}
 * @param output the file to export the final result to, if asked
 */
record RunRequest(String providerId, List<String> pairs, int retries, Optional<Path> output) {

    static final String USAGE = "Usage: parallel-workbench run <provider> [name=value ...] [--retries N] [--output FILE]";
    static final String RETRIES_OPTION = "--retries";
    static final String OUTPUT_OPTION = "--output";

    RunRequest {
        Objects.requireNonNull(providerId, "providerId");
        pairs = List.copyOf(pairs);
        Objects.requireNonNull(output, "output");
    }

    RunOptions options() {
        return new RunOptions(retries);
    }

    /** @throws UsageException naming what is wrong, with the usage line */
    static RunRequest parse(List<String> arguments) throws UsageException {
        String provider = null;
        List<String> pairs = new ArrayList<>();
        Integer retries = null;
        Path output = null;
        boolean optionsEnded = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String option = optionsEnded ? "" : optionName(argument);
            switch (option) {
            case RETRIES_OPTION -> {
                if (retries != null) {
                    throw usage(RETRIES_OPTION + " given twice");
                }
                String value = optionValue(arguments, i, argument);
                i += argument.contains("=") ? 0 : 1;
                retries = parseRetries(value);
            }
            case OUTPUT_OPTION -> {
                if (output != null) {
                    throw usage(OUTPUT_OPTION + " given twice");
                }
                String value = optionValue(arguments, i, argument);
                i += argument.contains("=") ? 0 : 1;
                output = parsePath(value);
            }
            case "--" -> optionsEnded = true;
            case "" -> {
                if (provider == null) {
                    provider = argument;
                } else {
                    pairs.add(argument);
                }
            }
            default -> throw usage("unknown option " + option);
            }
        }
        if (provider == null || provider.isBlank()) {
            throw usage("which provider? (list them with: parallel-workbench providers)");
        }
        return new RunRequest(provider, pairs, retries == null ? 0 : retries, Optional.ofNullable(output));
    }

    /** @return the option's name for {@code --name} or {@code --name=value}, "" for anything else */
    private static String optionName(String argument) {
        if (!argument.startsWith("-")) {
            return "";
        }
        int eq = argument.indexOf('=');
        return eq < 0 ? argument : argument.substring(0, eq);
    }

    private static String optionValue(List<String> arguments, int index, String argument) throws UsageException {
        int eq = argument.indexOf('=');
        if (eq >= 0) {
            return argument.substring(eq + 1);
        }
        if (index + 1 >= arguments.size()) {
            throw usage(argument + " needs a value");
        }
        return arguments.get(index + 1);
    }

    private static int parseRetries(String value) throws UsageException {
        try {
            int retries = Integer.parseInt(value.trim());
            if (retries >= 0 && retries <= RunOptions.MAX_UNIT_RETRIES) {
                return retries;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw usage(RETRIES_OPTION + " must be a whole number from 0 to " + RunOptions.MAX_UNIT_RETRIES + ", not '" + value + "'");
    }

    private static Path parsePath(String value) throws UsageException {
        if (value.isBlank()) {
            throw usage(OUTPUT_OPTION + " needs a file name");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw usage(OUTPUT_OPTION + " '" + value + "' is not a valid path: " + e.getReason());
        }
    }

    private static UsageException usage(String problem) {
        return new UsageException(List.of("parallel-workbench run: " + problem, USAGE));
    }
}
