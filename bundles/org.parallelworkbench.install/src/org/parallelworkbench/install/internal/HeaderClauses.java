package org.parallelworkbench.install.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clauses of an OSGi manifest header such as {@code Import-Package}: {@code a;b;version="[1,2)";resolution:=optional, c}.
 * Quoted values may hold commas and semicolons.
 */
public record HeaderClauses(List<Clause> clauses) {

    /** One clause: its paths (package names), attributes ({@code a=b}) and directives ({@code a:=b}). */
    public record Clause(List<String> paths, Map<String, String> attributes, Map<String, String> directives) {
    }

    public static HeaderClauses parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return new HeaderClauses(clauses);
        }
        for (String clauseText : split(header, ',')) {
            List<String> paths = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String part : split(clauseText, ';')) {
                int equals = indexOutsideQuotes(part, '=');
                if (equals < 0) {
                    if (!part.isBlank()) {
                        paths.add(part.strip());
                    }
                } else if (equals > 0 && part.charAt(equals - 1) == ':') {
                    directives.put(part.substring(0, equals - 1).strip(), unquote(part.substring(equals + 1)));
                } else {
                    attributes.put(part.substring(0, equals).strip(), unquote(part.substring(equals + 1)));
                }
            }
            if (!paths.isEmpty()) {
                clauses.add(new Clause(List.copyOf(paths), Map.copyOf(attributes), Map.copyOf(directives)));
            }
        }
        return new HeaderClauses(List.copyOf(clauses));
    }

    /** The first clause naming {@code path}, or null. */
    public Clause find(String path) {
        return clauses.stream().filter(c -> c.paths().contains(path)).findFirst().orElse(null);
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int indexOutsideQuotes(String text, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String value) {
        String stripped = value.strip();
        if (stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")) {
            return stripped.substring(1, stripped.length() - 1);
        }
        return stripped;
    }
}
