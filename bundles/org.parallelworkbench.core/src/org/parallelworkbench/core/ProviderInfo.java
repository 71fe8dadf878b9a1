package org.parallelworkbench.core;

import java.util.Objects;

/**
 * What a provider tells about itself. The {@code id} is stable across versions and is what
 * headless callers name ({@code run ticker}).
 */
public record ProviderInfo(String id, String name, String description, String version) {

    public ProviderInfo {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || !id.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("Provider id must be letters, digits, '.', '_' or '-': '" + id + "'");
        }
        name = name == null || name.isBlank() ? id : name;
        description = description == null ? "" : description;
        version = version == null ? "" : version;
    }
}
