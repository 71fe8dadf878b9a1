package org.parallelworkbench.core;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a provider tells about itself: a stable {@code id} (what headless callers name, as in
 * {@code run ticker}), what the user reads, and the parameters it takes.
 */
public record ProviderInfo(String id, String name, String description, String version,
        List<ParameterDescriptor> parameters) {

    public ProviderInfo {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || !id.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("Provider id must be letters, digits, '.', '_' or '-': '" + id + "'");
        }
        name = name == null || name.isBlank() ? id : name;
        description = description == null ? "" : description;
        version = version == null ? "" : version;
        parameters = List.copyOf(parameters == null ? List.of() : parameters);
        Set<String> names = new HashSet<>();
        for (ParameterDescriptor parameter : parameters) {
            if (!names.add(parameter.name())) {
                throw new IllegalArgumentException("Provider '" + id + "' declares parameter '" + parameter.name() + "' twice");
            }
        }
    }

    /** A provider without parameters. */
    public ProviderInfo(String id, String name, String description, String version) {
        this(id, name, description, version, List.of());
    }
}
