package org.parallelworkbench.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Describes one parameter of a provider, so that a window can build a form and a command line can
 * check {@code name=value} pairs. All values, defaults and bounds are in the parameter's text form.
 * Bounds are inclusive and apply to {@link ParameterType#INTEGER} and {@link ParameterType#DECIMAL}.
 * Build with the static factories and refine with {@link #withUnit} and {@link #withHelp}.
 */
public record ParameterDescriptor(String name, String label, ParameterType type, String defaultValue, String min,
        String max, String unit, String help, List<String> choices) {

    public ParameterDescriptor {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("Parameter name must start with a letter: '" + name + "'");
        }
        Objects.requireNonNull(type, "type");
        label = label == null || label.isBlank() ? name : label;
        unit = unit == null ? "" : unit;
        help = help == null ? "" : help;
        choices = List.copyOf(choices == null ? List.of() : choices);
        if (type == ParameterType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("Choice parameter '" + name + "' needs choices");
        }
        Objects.requireNonNull(defaultValue, "defaultValue");
    }

    public static ParameterDescriptor integer(String name, String label, long defaultValue, long min, long max) {
        return new ParameterDescriptor(name, label, ParameterType.INTEGER, Long.toString(defaultValue), Long.toString(min),
                Long.toString(max), null, null, null).checkDefault();
    }

    public static ParameterDescriptor decimal(String name, String label, double defaultValue, double min, double max) {
        return new ParameterDescriptor(name, label, ParameterType.DECIMAL, Double.toString(defaultValue),
                Double.toString(min), Double.toString(max), null, null, null).checkDefault();
    }

    public static ParameterDescriptor bool(String name, String label, boolean defaultValue) {
        return new ParameterDescriptor(name, label, ParameterType.BOOLEAN, Boolean.toString(defaultValue), null, null,
                null, null, null);
    }

    public static ParameterDescriptor text(String name, String label, String defaultValue) {
        return new ParameterDescriptor(name, label, ParameterType.TEXT, defaultValue, null, null, null, null, null);
    }

    public static ParameterDescriptor choice(String name, String label, String defaultValue, List<String> choices) {
        return new ParameterDescriptor(name, label, ParameterType.CHOICE, defaultValue, null, null, null, null, choices)
                .checkDefault();
    }

    public ParameterDescriptor withUnit(String newUnit) {
        return new ParameterDescriptor(name, label, type, defaultValue, min, max, newUnit, help, choices);
    }

    public ParameterDescriptor withHelp(String newHelp) {
        return new ParameterDescriptor(name, label, type, defaultValue, min, max, unit, newHelp, choices);
    }

    private ParameterDescriptor checkDefault() {
        problemWith(defaultValue).ifPresent(problem -> {
            throw new IllegalArgumentException("Default of '" + name + "' is invalid: " + problem);
        });
        return this;
    }

    /** @return what is wrong with this text as a value of this parameter, empty if it is fine */
    public Optional<String> problemWith(String value) {
        if (value == null) {
            return Optional.of("a value is required");
        }
        String text = value.trim();
        return switch (type) {
        case INTEGER -> number(text, true);
        case DECIMAL -> number(text, false);
        case BOOLEAN -> text.equals("true") || text.equals("false") ? Optional.empty()
                : Optional.of("must be true or false, not '" + text + "'");
        case TEXT -> Optional.empty();
        case CHOICE -> choices.contains(text) ? Optional.empty()
                : Optional.of("must be one of " + String.join(", ", choices) + ", not '" + text + "'");
        };
    }

    private Optional<String> number(String text, boolean whole) {
        BigDecimal value;
        try {
            // Whole numbers in the form Parameters.getLong reads: no fraction, no exponent.
            if (whole && !text.matches("[-+]?\\d+")) {
                throw new NumberFormatException(text);
            }
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return Optional.of("must be " + (whole ? "a whole number" : "a number") + ", not '" + text + "'");
        }
        if (min != null && value.compareTo(new BigDecimal(min)) < 0 || max != null && value.compareTo(new BigDecimal(max)) > 0) {
            return Optional.of("must be between " + min + " and " + max + unitSuffix() + ", not " + text);
        }
        return Optional.empty();
    }

    private String unitSuffix() {
        return unit.isEmpty() ? "" : " " + unit;
    }

    /**
     * Checks a parameter set against descriptors: every value must fit its descriptor, and every name must
     * be known. Returns all problems, in descriptor order, unknown names last.
     */
    public static List<ParameterProblem> validate(List<ParameterDescriptor> descriptors, Parameters parameters) {
        List<ParameterProblem> problems = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        for (ParameterDescriptor descriptor : descriptors) {
            known.add(descriptor.name());
            String value = parameters.values().get(descriptor.name());
            if (value != null) {
                descriptor.problemWith(value).ifPresent(message -> problems.add(new ParameterProblem(descriptor.name(), message)));
            }
        }
        for (String name : parameters.values().keySet()) {
            if (!known.contains(name)) {
                problems.add(new ParameterProblem(name, known.isEmpty() ? "this provider takes no parameters"
                        : "unknown parameter; known: " + String.join(", ", known)));
            }
        }
        return problems;
    }

    /**
     * The declared checks of {@link #validate(List, Parameters)}; only when they pass, {@code crossCheck}
     * on the parameters with defaults filled in, for rules that span parameters.
     */
    public static List<ParameterProblem> validate(List<ParameterDescriptor> descriptors, Parameters parameters,
            Function<Parameters, List<ParameterProblem>> crossCheck) {
        List<ParameterProblem> problems = validate(descriptors, parameters);
        return problems.isEmpty() ? List.copyOf(crossCheck.apply(withDefaults(descriptors, parameters))) : problems;
    }

    /** The given parameters with each missing one set to its descriptor's default. */
    public static Parameters withDefaults(List<ParameterDescriptor> descriptors, Parameters parameters) {
        Map<String, String> values = new TreeMap<>(parameters.values());
        for (ParameterDescriptor descriptor : descriptors) {
            values.putIfAbsent(descriptor.name(), descriptor.defaultValue());
        }
        return new Parameters(values);
    }
}
