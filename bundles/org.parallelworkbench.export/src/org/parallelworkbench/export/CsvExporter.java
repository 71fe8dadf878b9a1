package org.parallelworkbench.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.parallelworkbench.core.ResultValue;

/**
 * RFC 4180 CSV in UTF-8 with CRLF line ends, through Apache Commons CSV. A scalar is one field on one line; a
 * series is an {@code x,y} header (its axis labels when it has them) and one row per point; a table is its header
 * and rows. Fields holding a comma, quote, CR or LF are quoted, quotes doubled; so are, to be safe for other
 * readers, an empty first field of a line and fields starting with a character up to {@code #} (space, {@code !},
 * a control character) or ending in white space. Images are not supported.
 */
final class CsvExporter implements ResultExporter {

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
        // Not closed: that would close out, which write() leaves open.
        CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180);
        switch (value) {
        case ResultValue.Scalar scalar -> csv.printRecord(scalar.text());
        case ResultValue.Series series -> {
            csv.printRecord(orDefault(series.xLabel(), "x"), orDefault(series.yLabel(), "y"));
            for (ResultValue.Point point : series.points()) {
                csv.printRecord(ResultExporters.number(point.x()), ResultExporters.number(point.y()));
            }
        }
        case ResultValue.Table table -> {
            csv.printRecord(table.columns());
            for (List<String> cells : table.rows()) {
                csv.printRecord(cells);
            }
        }
        case ResultValue.Image image -> throw new IllegalStateException("checked by requireSupported");
        }
        csv.flush();
    }

    private static String orDefault(String label, String fallback) {
        return label.isBlank() ? fallback : label;
    }
}
