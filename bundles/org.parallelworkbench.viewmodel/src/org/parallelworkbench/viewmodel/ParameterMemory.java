package org.parallelworkbench.viewmodel;

import java.util.Map;
import java.util.Optional;

/**
 * Remembers the parameter values a provider was last started with, so that the form shows them the next
 * time. Implementations decide where they keep them; a failure to keep them must not stop a run.
 */
public interface ParameterMemory {

    /**
     * The key among a provider's values under which the form keeps where its runs execute (an
     * {@link org.parallelworkbench.core.ExecutionTarget} name). No parameter has it: their names start with a letter.
     */
    String TARGET_KEY = "@runOn";

    /** Keeps nothing: every form starts from the providers' defaults. */
    ParameterMemory NONE = new ParameterMemory() {
        @Override
        public Map<String, String> recall(String providerId) {
            return Map.of();
        }

        @Override
        public void remember(String providerId, Map<String, String> values) {
            // nothing kept
        }
    };

    /** The values last remembered for this provider; empty if none. */
    Map<String, String> recall(String providerId);

    /** Keeps the values a provider was just started with; it is then the one {@link #lastStarted()}. */
    void remember(String providerId, Map<String, String> values);

    /** The provider whose values were remembered last, which the window selects when it opens; empty if none. */
    default Optional<String> lastStarted() {
        return Optional.empty();
    }
}
