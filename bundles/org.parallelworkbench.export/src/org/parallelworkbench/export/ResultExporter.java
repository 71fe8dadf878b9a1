package org.parallelworkbench.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

import org.parallelworkbench.core.ResultValue;

/**
 * Writes a run's final {@link ResultValue} in the one format its {@link #extension() extension} names.
 * Implementations are stateless and thread-safe; the set of them is fixed (get them from
 * {@link ResultExporters}), so callers can rely on every message and format documented here.
 */
public sealed interface ResultExporter permits CsvExporter, JsonExporter, PngExporter {

    /** Without the dot, lower case, e.g. {@code csv}. */
    String extension();

    /** Whether {@link #write} takes this value; depends only on its kind (see {@link ResultExporters#kindOf}). */
    boolean supports(ResultValue value);

    /**
     * Writes the whole value; does not close the stream.
     *
     * @throws IllegalArgumentException if this exporter does not {@link #supports support} the value, with
     *         {@link #unsupportedMessage} as its message
     */
    void write(ResultValue value, OutputStream out) throws IOException;

    /**
     * Writes to a temporary file next to {@code file} and moves it into place, so a reader never sees a
     * half-written file and a failed write leaves any previous file alone. Blocks: call it off the UI thread.
     *
     * @throws IllegalArgumentException as {@link #write} does
     */
    default void writeFile(ResultValue value, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        // Not Files.createTempFile: its owner-only permissions would stay with the moved file.
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                write(value, out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * One line for the user: which kind cannot be written how, and which extensions would work, e.g.
     * {@code "Image results cannot be written as .csv; use .json or .png"}.
     */
    default String unsupportedMessage(ResultValue value) {
        List<String> alternatives = ResultExporters.supporting(value).stream().map(e -> "." + e.extension()).toList();
        String kind = ResultExporters.kindOf(value);
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " results cannot be written as ." + extension()
                + "; use " + String.join(" or ", alternatives);
    }
}
