package org.parallelworkbench.viewmodel;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the Preferences fields' text is checked and converted: each check returns what is wrong in words a
 * user acts on, or "" when the text is valid, and each conversion is only called on valid text.
 */
final class SettingsFields {

    /** Options that would change how the engine starts its worker JVM, not how that JVM runs. */
    private static final List<String> LAUNCH_OPTIONS = List.of("-jar", "-cp", "-classpath", "--class-path");
    private static final int MILLIS_DECIMALS = 3;

    private SettingsFields() {
    }

    /** A field of whole numbers and the range the window accepts in it. */
    record WholeNumbers(String field, int min, int max) {

        String problem(String text) {
            return wholeNumberProblem(field, text, min, max);
        }
    }

    static String wholeNumberProblem(String field, String text, int min, int max) {
        String range = field + " must be a whole number from " + min + " to " + max;
        try {
            int value = Integer.parseInt(text.trim());
            return value < min || value > max ? range : "";
        } catch (NumberFormatException e) {
            return range;
        }
    }

    /** Seconds as typed, to the millisecond at most, e.g. "60" or "1.5". */
    static String secondsProblem(String field, String text, long maxSeconds) {
        String range = field + " must be a number of seconds from 0 to " + maxSeconds;
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return range;
        }
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(maxSeconds)) > 0) {
            return range;
        }
        return seconds.stripTrailingZeros().scale() > MILLIS_DECIMALS ? field + " can be given to the millisecond at most" : "";
    }

    static long millis(String validSeconds) {
        return new BigDecimal(validSeconds.trim()).movePointRight(MILLIS_DECIMALS).longValueExact();
    }

    /** Milliseconds as seconds without needless zeros: 60000 is "60", 1500 is "1.5". */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, MILLIS_DECIMALS).stripTrailingZeros().toPlainString();
    }

    /** The engine splits the options at white space and passes each to the JVM as it is, quotes included. */
    static String jvmOptionsProblem(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("\"\"") || trimmed.equals("''")) {
            return "JVM options: leave the field empty for none, without quotes";
        }
        if (trimmed.indexOf('"') >= 0 || trimmed.indexOf('\'') >= 0) {
            return "JVM options cannot be quoted: they are separated by spaces and passed on as written";
        }
        for (String option : trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+")) {
            if (!option.startsWith("-")) {
                return "JVM options must each start with '-', e.g. -Xmx2g; '" + option + "' does not";
            }
            if (LAUNCH_OPTIONS.contains(option.toLowerCase(Locale.ROOT))) {
                return "JVM options cannot include " + option + ": the engine sets how a worker process starts";
            }
        }
        return "";
    }

    static String folderProblem(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return "";
        }
        Path folder;
        try {
            folder = Path.of(trimmed);
        } catch (InvalidPathException e) {
            return "Drop-in folder is not a valid path: " + e.getReason();
        }
        if (!folder.isAbsolute()) {
            return "Drop-in folder must be an absolute path";
        }
        return Files.isDirectory(folder) ? "" : "Drop-in folder must be an existing folder";
    }
}
