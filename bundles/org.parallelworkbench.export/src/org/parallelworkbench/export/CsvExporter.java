package org.parallelworkbench.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.parallelworkbench.core.ResultValue;

/**
 * RFC 4180 CSV in UTF-8 with CRLF line ends. A scalar is one field on one line; a series is an
 * {@code x,y} header (its axis labels when it has them) and one row per point; a table is its header and
 * rows. Fields holding a comma, quote, CR or LF are quoted, quotes doubled. Images are not supported.
 */
final class CsvExporter implements ResultExporter {

    static final String LINE_END = "\r\n";

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public boolean supports(ResultValue value) {
        return !(value instanceof ResultValue.Image);
    }

    @Override
    public void write(ResultValue value, OutputStream out) throws IOException {
        ResultExporters.requireSupported(this, value);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        switch (value) {
        case ResultValue.Scalar scalar -> row(writer, List.of(scalar.text()));
        case ResultValue.Series series -> {
            row(writer, List.of(orDefault(series.xLabel(), "x"), orDefault(series.yLabel(), "y")));
            for (ResultValue.Point point : series.points()) {
                row(writer, List.of(ResultExporters.number(point.x()), ResultExporters.number(point.y())));
            }
        }
        case ResultValue.Table table -> {
            row(writer, table.columns());
            for (List<String> cells : table.rows()) {
                row(writer, cells);
            }
        }
        case ResultValue.Image image -> throw new IllegalStateException("checked by requireSupported");
        }
        writer.flush();
    }

    private static String orDefault(String label, String fallback) {
        return label.isBlank() ? fallback : label;
    }

    private static void row(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(field(cells.get(i)));
        }
        writer.write(LINE_END);
    }

    /** One field, quoted when RFC 4180 requires it. */
    static String field(String text) {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
