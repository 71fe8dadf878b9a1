package org.parallelworkbench.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.parallelworkbench.core.ResultValue;

/**
 * Writes a run's final {@link ResultValue} to a file in the format its extension names. Implementations
 * are stateless and thread-safe.
 */
public sealed interface ResultExporter permits CsvExporter, JsonExporter, PngExporter {

    /** Every exporter, in the order the usage message names them. */
    List<ResultExporter> ALL = List.of(new CsvExporter(), new JsonExporter(), new PngExporter());

    /** Without the dot, lower case, e.g. {@code csv}. */
    String extension();

    boolean supports(ResultValue value);

    /**
     * Writes the whole value; does not close the stream.
     *
     * @throws IllegalArgumentException if this exporter does not {@link #supports support} the value
     */
    void write(ResultValue value, OutputStream out) throws IOException;

    /** The exporter for this file's extension (case-insensitive), if there is one. */
    static Optional<ResultExporter> forFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(exporter -> name.endsWith("." + exporter.extension())).findFirst();
    }

    /** E.g. {@code ".csv, .json or .png"}. */
    static String extensionList() {
        List<String> names = ALL.stream().map(exporter -> "." + exporter.extension()).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** scalar, series, table or image. */
    static String kindOf(ResultValue value) {
        return switch (value) {
        case ResultValue.Scalar s -> "scalar";
        case ResultValue.Series s -> "series";
        case ResultValue.Table t -> "table";
        case ResultValue.Image i -> "image";
        };
    }

    /** One line for the user: which kind cannot be written how, and which extensions would work. */
    default String unsupportedMessage(ResultValue value) {
        List<String> alternatives = ALL.stream().filter(exporter -> exporter.supports(value)).map(e -> "." + e.extension()).toList();
        String kind = kindOf(value);
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " results cannot be written as ." + extension()
                + "; use " + String.join(" or ", alternatives);
    }

    /**
     * Writes to a temporary file next to {@code file} and moves it into place, so a reader never sees a
     * half-written file and a failed write leaves any previous file alone.
     */
    default void writeFile(ResultValue value, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(value, out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A number as text both CSV and JSON readers take: whole values without a fraction ({@code 1000},
     * not {@code 1000.0}), others as {@link Double#toString}. Not-finite values give "NaN"/"Infinity".
     */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** Throws the documented exception of {@link #write} for an unsupported value. */
    default void requireSupported(ResultValue value) {
        if (!supports(value)) {
            throw new IllegalArgumentException(unsupportedMessage(value));
        }
    }
}
