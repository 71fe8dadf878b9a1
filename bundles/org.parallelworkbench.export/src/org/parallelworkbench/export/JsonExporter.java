package org.parallelworkbench.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import org.parallelworkbench.core.ResultValue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

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
 * Written as it goes through Jackson's streaming generator, so a large result is not held twice.
 */
final class JsonExporter implements ResultExporter {

    static final String IMAGE_ENCODING = "argb32-be-base64";

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // write() leaves the stream open
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE) // escapes as this exporter always wrote them
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8) // emoji as UTF-8, not two escapes
            .build();

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
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("kind", ResultExporters.kindOf(value));
            switch (value) {
            case ResultValue.Scalar scalar -> json.writeStringField("text", scalar.text());
            case ResultValue.Series series -> {
                json.writeStringField("name", series.name());
                json.writeStringField("xLabel", series.xLabel());
                json.writeStringField("yLabel", series.yLabel());
                json.writeArrayFieldStart("points");
                for (ResultValue.Point point : series.points()) {
                    json.writeStartArray();
                    number(json, point.x());
                    number(json, point.y());
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            case ResultValue.Table table -> {
                json.writeFieldName("columns");
                strings(json, table.columns());
                json.writeArrayFieldStart("rows");
                for (List<String> row : table.rows()) {
                    strings(json, row);
                }
                json.writeEndArray();
            }
            case ResultValue.Image image -> {
                json.writeNumberField("width", image.width());
                json.writeNumberField("height", image.height());
                json.writeStringField("encoding", IMAGE_ENCODING);
                ByteBuffer bytes = ByteBuffer.allocate(image.argb().length * Integer.BYTES); // big-endian
                bytes.asIntBuffer().put(image.argb());
                json.writeFieldName("pixels");
                json.writeBinary(bytes.array()); // Jackson's default: standard Base64, padded, no line breaks
            }
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** As the CSV has it ({@code 1000}, not {@code 1000.0}); JSON has no NaN or infinity: null. */
    private static void number(JsonGenerator json, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(ResultExporters.number(value));
        } else {
            json.writeNull();
        }
    }

    private static void strings(JsonGenerator json, List<String> values) throws IOException {
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
