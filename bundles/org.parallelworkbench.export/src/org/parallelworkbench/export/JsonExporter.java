package org.parallelworkbench.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.parallelworkbench.core.ResultValue;

/**
 * One JSON object in UTF-8 for every kind of result, with a {@code "kind"} member naming it:
 * <ul>
 * <li>scalar: {@code {"kind":"scalar","text":"78498"}}</li>
 * <li>series: {@code {"kind":"series","name":..,"xLabel":..,"yLabel":..,"points":[[x,y],...]}}, not-finite
 * numbers as {@code null}</li>
 * <li>table: {@code {"kind":"table","columns":[..],"rows":[[..],..]}}</li>
 * <li>image: {@code {"kind":"image","width":w,"height":h,"encoding":"argb32-be-base64","pixels":".."}}: every
 * pixel as 4 bytes A, R, G, B, row by row from the top left, Base64 encoded</li>
 * </ul>
 */
final class JsonExporter implements ResultExporter {

    static final String IMAGE_ENCODING = "argb32-be-base64";

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public boolean supports(ResultValue value) {
        return true;
    }

    @Override
    public void write(ResultValue value, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write("{\"kind\":" + string(ResultExporters.kindOf(value)));
        switch (value) {
        case ResultValue.Scalar scalar -> writer.write(",\"text\":" + string(scalar.text()));
        case ResultValue.Series series -> {
            writer.write(",\"name\":" + string(series.name()) + ",\"xLabel\":" + string(series.xLabel()) + ",\"yLabel\":"
                    + string(series.yLabel()) + ",\"points\":[");
            List<ResultValue.Point> points = series.points();
            for (int i = 0; i < points.size(); i++) {
                writer.write((i > 0 ? ",[" : "[") + number(points.get(i).x()) + "," + number(points.get(i).y()) + "]");
            }
            writer.write("]");
        }
        case ResultValue.Table table -> {
            writer.write(",\"columns\":" + strings(table.columns()) + ",\"rows\":[");
            for (int i = 0; i < table.rows().size(); i++) {
                writer.write((i > 0 ? "," : "") + strings(table.rows().get(i)));
            }
            writer.write("]");
        }
        case ResultValue.Image image -> {
            ByteBuffer bytes = ByteBuffer.allocate(image.argb().length * Integer.BYTES); // big-endian
            bytes.asIntBuffer().put(image.argb());
            writer.write(",\"width\":" + image.width() + ",\"height\":" + image.height() + ",\"encoding\":"
                    + string(IMAGE_ENCODING) + ",\"pixels\":\"" + Base64.getEncoder().encodeToString(bytes.array()) + "\"");
        }
        }
        writer.write("}\n");
        writer.flush();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? ResultExporters.number(value) : "null";
    }

    private static String strings(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            json.append(i > 0 ? "," : "").append(string(values.get(i)));
        }
        return json.append(']').toString();
    }

    /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
    static String string(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
            case '"' -> json.append("\\\"");
            case '\\' -> json.append("\\\\");
            case '\n' -> json.append("\\n");
            case '\r' -> json.append("\\r");
            case '\t' -> json.append("\\t");
            default -> {
                if (c < 0x20) {
                    json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            }
        }
        return json.append('"').toString();
    }
}
