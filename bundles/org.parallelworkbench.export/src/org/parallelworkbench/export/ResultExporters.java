package org.parallelworkbench.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.parallelworkbench.core.ResultValue;

/**
 * The {@link ResultExporter}s, in a fixed order (CSV, JSON, PNG), and the choice among them: by a file's
 * extension for the command line, by the kind of result for a save dialog's filters.
 */
public final class ResultExporters {

    private static final List<ResultExporter> ALL = List.of(new CsvExporter(), new JsonExporter(), new PngExporter());

    private ResultExporters() {
    }

    /** Every exporter, in the order the usage message names them; an unmodifiable list. */
    public static List<ResultExporter> all() {
        return ALL;
    }

    /** The exporter for this file's extension (case-insensitive), if there is one. */
    public static Optional<ResultExporter> forFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(exporter -> name.endsWith("." + exporter.extension())).findFirst();
    }

    /** The exporters that can write this value, in the order of {@link #all()}; never empty (JSON takes all). */
    public static List<ResultExporter> supporting(ResultValue value) {
        return ALL.stream().filter(exporter -> exporter.supports(value)).toList();
    }

    /** E.g. {@code ".csv, .json or .png"}. */
    public static String extensionList() {
        List<String> names = ALL.stream().map(exporter -> "." + exporter.extension()).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** {@code scalar}, {@code series}, {@code table} or {@code image}. */
    public static String kindOf(ResultValue value) {
        return switch (value) {
        case ResultValue.Scalar s -> "scalar";
        case ResultValue.Series s -> "series";
        case ResultValue.Table t -> "table";
        case ResultValue.Image i -> "image";
        };
    }

    /**
     * A number as text both CSV and JSON readers take: whole values without a fraction ({@code 1000},
     * not {@code 1000.0}), others as {@link Double#toString}. Not-finite values give "NaN"/"Infinity".
     */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** Throws the documented exception of {@link ResultExporter#write} for an unsupported value. */
    static void requireSupported(ResultExporter exporter, ResultValue value) {
        if (!exporter.supports(value)) {
            throw new IllegalArgumentException(exporter.unsupportedMessage(value));
        }
    }
}
