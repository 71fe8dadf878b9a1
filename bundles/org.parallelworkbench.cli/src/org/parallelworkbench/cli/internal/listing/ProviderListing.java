package org.parallelworkbench.cli.internal.listing;

import java.util.List;
import java.util.Locale;

import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterType;
import org.parallelworkbench.core.ProviderInfo;

/**
 * The installed providers as text, for {@code parallel-workbench providers} and {@code pw:providers}: per
 * provider a line {@code id version  name: description}, then one indented line per parameter with its
 * type, default, bounds or choices, unit and help. A pure function of its input.
 */
public final class ProviderListing {

    private ProviderListing() {
    }

    public static String format(List<ProviderInfo> providers) {
        if (providers.isEmpty()) {
            return "No providers installed.\n";
        }
        StringBuilder text = new StringBuilder();
        for (ProviderInfo provider : providers) {
            text.append(provider.id()).append(' ').append(provider.version().isEmpty() ? "(no version)" : provider.version())
                    .append("  ").append(provider.name());
            if (!provider.description().isEmpty()) {
                text.append(": ").append(provider.description());
            }
            text.append('\n');
            if (provider.parameters().isEmpty()) {
                text.append("    (no parameters)\n");
            }
            for (ParameterDescriptor parameter : provider.parameters()) {
                text.append("    ").append(parameter(parameter)).append('\n');
            }
        }
        return text.toString();
    }

    /** E.g. {@code intervalMillis=1000 ms  (integer, 1..3600000 ms)  Time between two values.} */
    static String parameter(ParameterDescriptor parameter) {
        String unit = parameter.unit().isEmpty() ? "" : " " + parameter.unit();
        StringBuilder line = new StringBuilder(parameter.name()).append('=').append(parameter.defaultValue()).append(unit)
                .append("  (").append(parameter.type().name().toLowerCase(Locale.ROOT));
        if (parameter.type() == ParameterType.CHOICE) {
            line.append(", one of ").append(String.join(", ", parameter.choices()));
        } else if (parameter.min() != null || parameter.max() != null) {
            line.append(", ").append(parameter.min() == null ? "" : parameter.min()).append("..")
                    .append(parameter.max() == null ? "" : parameter.max()).append(unit);
        }
        line.append(')');
        if (!parameter.help().isEmpty()) {
            line.append("  ").append(parameter.help());
        }
        return line.toString();
    }
}
