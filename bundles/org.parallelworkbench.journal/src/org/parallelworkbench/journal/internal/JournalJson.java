package org.parallelworkbench.journal.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/**
 * A journal line as JSON, through Jackson's streaming parser and generator: an object whose members are strings,
 * whole numbers and such objects, in order. jackson-core alone, as the export uses it: jackson-jr would save the
 * two loops below but add a bundle and, measured, a fifth to the start-up cost of the first lines read.
 * <p>
 * Writes the bytes the journal always wrote, so that older readers and tools see no change: every Java string
 * survives (a lone surrogate as a {@code \\uXXXX} escape, since UTF-8 cannot hold it), escapes in lower-case hex,
 * and no raw line break, U+2028 and U+2029 included. Thread-safe.
 */
final class JournalJson {

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            // A pair as 4-byte UTF-8 rather than two escapes; a lone surrogate stays an escape.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .characterEscapes(new LineSeparatorEscapes())
            .build();

    private JournalJson() {
    }

    /** One line of JSON for an object of {@link String}, {@link Long} and such objects, without a line break. */
    static String encode(Map<String, ?> object) {
        // Through bytes: only Jackson's UTF-8 generator escapes lone surrogates.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            write(json, object);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a journal line for " + object, e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        switch (value) {
        case String text -> json.writeString(text);
        case Long number -> json.writeNumber(number);
        case Map<?, ?> object -> {
            json.writeStartObject();
            for (Map.Entry<?, ?> member : object.entrySet()) {
                json.writeFieldName((String) member.getKey());
                write(json, member.getValue());
            }
            json.writeEndObject();
        }
        case List<?> array -> {
            json.writeStartArray();
            for (Object element : array) {
                write(json, element);
            }
            json.writeEndArray();
        }
        default -> throw new IllegalArgumentException("A journal line holds no " + value.getClass().getName() + ": " + value);
        }
    }

    /**
     * The object a line holds, with nothing but white space around it. Whole numbers are {@link Integer}, {@link Long}
     * or {@link java.math.BigInteger}; JSON null is null; an array of strings is a {@link List} of them; other arrays,
     * fractions and booleans, which no member of the journal holds, are their {@link JsonToken}.
     *
     * @throws IllegalArgumentException saying what is wrong with the line, on one line
     */
    static Map<String, Object> decode(String line) {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Map<String, Object> object = object(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(at(parser.currentTokenLocation()) + "unexpected text after the object");
            }
            return object;
        } catch (JsonProcessingException e) {
            // Not getMessage(): it adds the source on a line of its own.
            throw new IllegalArgumentException(at(e.getLocation()) + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Bad JSON: " + e, e);
        }
    }

    /** The members of the object the parser has just entered, up to its end. */
    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            members.put(name, switch (parser.nextToken()) {
            case START_OBJECT -> object(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NULL -> null;
            case START_ARRAY -> strings(parser);
            default -> {
                JsonToken other = parser.currentToken();
                parser.skipChildren(); // past the end of an array
                yield other;
            }
            });
        }
        return members;
    }

    /** The strings of the array the parser has just entered, up to its end; START_ARRAY if it holds anything else. */
    private static Object strings(JsonParser parser) throws IOException {
        List<String> strings = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                parser.skipChildren();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    parser.skipChildren();
                }
                return JsonToken.START_ARRAY;
            }
            strings.add(parser.getText());
        }
        return List.copyOf(strings);
    }

    private static String at(JsonLocation location) {
        return location == null ? "Bad JSON: " : "Bad JSON at character " + location.getCharOffset() + ": ";
    }

    /** U+2028 and U+2029 as escapes, as before: some editors and JavaScript take them for line breaks. */
    private static final class LineSeparatorEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
        private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return switch (c) {
            case 0x2028 -> LINE_SEPARATOR;
            case 0x2029 -> PARAGRAPH_SEPARATOR;
            default -> null;
            };
        }
    }
}
