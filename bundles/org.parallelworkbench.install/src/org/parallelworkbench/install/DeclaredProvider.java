package org.parallelworkbench.install;

import java.util.Objects;

/**
 * A Declarative Services component of a bundle that provides {@code org.parallelworkbench.core.WorkProvider},
 * as its component description says. The provider's id is known only once the component runs.
 */
public record DeclaredProvider(String componentName, String implementationClass) {

    public DeclaredProvider {
        Objects.requireNonNull(componentName, "componentName");
        Objects.requireNonNull(implementationClass, "implementationClass");
    }
}
