package org.parallelworkbench.core;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parameters of one run as {@code name=value} text pairs: the same form a headless caller types
 * and the form that crosses a process boundary. Providers parse the values they need.
 */
public record Parameters(Map<String, String> values) {

    public static final Parameters NONE = new Parameters(Map.of());

    public Parameters {
        values = Map.copyOf(new TreeMap<>(Objects.requireNonNull(values, "values")));
    }

    /**
     * Parses {@code name=value} pairs as given on a command line.
     *
     * @throws IllegalArgumentException naming the first pair without a '=' or with an empty name
     */
    public static Parameters parse(Iterable<String> pairs) {
        Map<String, String> values = new TreeMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected name=value but got '" + pair + "'");
            }
            values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return new Parameters(values);
    }

    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /**
     * @throws IllegalArgumentException naming the parameter when its value is not a whole number
     */
    public long getLong(String name, long defaultValue) {
        String text = values.get(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be a whole number, not '" + text + "'", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the parameter when its value is not a number
     */
    public double getDouble(String name, double defaultValue) {
        String text = values.get(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be a number, not '" + text + "'", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the parameter when its value is neither true nor false
     */
    public boolean getBoolean(String name, boolean defaultValue) {
        String text = values.get(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be true or false, not '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    public Parameters with(String name, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(name, value);
        return new Parameters(copy);
    }
}
