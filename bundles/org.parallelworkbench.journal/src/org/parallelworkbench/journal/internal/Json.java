package org.parallelworkbench.journal.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON encoder and decoder for the journal's lines, so that the journal needs no third-party
 * library. Values are {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@code null},
 * {@code Map<String, ?>} (objects, insertion order kept) and {@code List<?>} (arrays).
 * <p>
 * Every Java string survives a round trip, lone surrogates included: they are written as {@code \\uXXXX}
 * since UTF-8 cannot hold them. The encoder never writes a raw line break, so an encoded value is always
 * one line. Stateless and thread-safe.
 */
final class Json {

    /** Deeper nesting than any journal line needs; guards the recursive decoder against garbage. */
    static final int MAX_DEPTH = 32;

    private Json() {
    }

    /** One line of JSON for a value of the types above. */
    static String encode(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(out, value);
        return out.toString();
    }

    /**
     * The value a JSON text stands for, with nothing but white space around it.
     *
     * @throws IllegalArgumentException naming the position of the first problem
     */
    static Object decode(String text) {
        Decoder decoder = new Decoder(text);
        Object value = decoder.value(0);
        decoder.skipWhiteSpace();
        if (decoder.position < text.length()) {
            throw decoder.problem("unexpected text after the value");
        }
        return value;
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
        case null -> out.append("null");
        case String text -> writeString(out, text);
        case Boolean flag -> out.append(flag.booleanValue());
        case Long number -> out.append(number.longValue());
        case Integer number -> out.append(number.intValue());
        case Double number when Double.isFinite(number) -> out.append(number.doubleValue());
        case Map<?, ?> object -> {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> member : object.entrySet()) {
                out.append(separator);
                writeString(out, (String) member.getKey());
                out.append(':');
                write(out, member.getValue());
                separator = ",";
            }
            out.append('}');
        }
        case List<?> array -> {
            out.append('[');
            String separator = "";
            for (Object element : array) {
                out.append(separator);
                write(out, element);
                separator = ",";
            }
            out.append(']');
        }
        default -> throw new IllegalArgumentException("JSON cannot hold " + value.getClass().getName() + ": " + value);
        }
    }

    private static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> {
                if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(text, i)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    /** A recursive-descent parser over one text; one instance per {@link #decode} call. */
    private static final class Decoder {
        private final String text;
        private int position;

        Decoder(String text) {
            this.text = text;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw problem("nested deeper than " + MAX_DEPTH);
            }
            skipWhiteSpace();
            if (position >= text.length()) {
                throw problem("unexpected end");
            }
            char c = text.charAt(position);
            return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw problem("unexpected " + describe(c));
            }
            };
        }

        private Map<String, Object> object(int depth) {
            position++; // {
            Map<String, Object> members = new LinkedHashMap<>();
            skipWhiteSpace();
            if (peek() == '}') {
                position++;
                return members;
            }
            while (true) {
                skipWhiteSpace();
                if (peek() != '"') {
                    throw problem("expected a member name");
                }
                String name = string();
                skipWhiteSpace();
                if (members.containsKey(name)) {
                    throw problem("member '" + name + "' appears twice");
                }
                expect(':');
                members.put(name, value(depth + 1));
                skipWhiteSpace();
                if (peek() == ',') {
                    position++;
                } else {
                    expect('}');
                    return members;
                }
            }
        }

        private List<Object> array(int depth) {
            position++; // [
            List<Object> elements = new ArrayList<>();
            skipWhiteSpace();
            if (peek() == ']') {
                position++;
                return elements;
            }
            while (true) {
                elements.add(value(depth + 1));
                skipWhiteSpace();
                if (peek() == ',') {
                    position++;
                } else {
                    expect(']');
                    return elements;
                }
            }
        }

        private String string() {
            position++; // opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                if (position >= text.length()) {
                    throw problem("unterminated string");
                }
                char c = text.charAt(position++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw problem("raw control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (position >= text.length()) {
                    throw problem("unterminated escape");
                }
                char escaped = text.charAt(position++);
                switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> out.append(hexChar());
                default -> throw problem("unknown escape '\\" + escaped + "'");
                }
            }
        }

        private char hexChar() {
            if (position + 4 > text.length()) {
                throw problem("short \\u escape");
            }
            int code = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(text.charAt(position++), 16);
                if (digit < 0) {
                    throw problem("bad hex digit in a \\u escape");
                }
                code = code * 16 + digit;
            }
            return (char) code;
        }

        private Object number() {
            int start = position;
            if (peek() == '-') {
                position++;
            }
            boolean integral = true;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c >= '0' && c <= '9') {
                    position++;
                } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    integral = false;
                    position++;
                } else {
                    break;
                }
            }
            String digits = text.substring(start, position);
            try {
                return integral ? (Object) Long.parseLong(digits) : (Object) Double.parseDouble(digits);
            } catch (NumberFormatException e) {
                position = start;
                throw problem("bad number '" + digits + "'");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, position)) {
                throw problem("unexpected " + describe(text.charAt(position)));
            }
            position += word.length();
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw problem("expected '" + c + "'");
            }
            position++;
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        void skipWhiteSpace() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                position++;
            }
        }

        /** A character for a message; control characters by code, since a log shows them as nothing. */
        private static String describe(char c) {
            return c < 0x20 || Character.isSurrogate(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
        }

        IllegalArgumentException problem(String what) {
            return new IllegalArgumentException("Bad JSON at character " + position + ": " + what);
        }
    }
}
