package org.parallelworkbench.core;

import java.util.Objects;

/** One thing wrong with a parameter set, tied to the parameter a form or a command line shows it at. */
public record ParameterProblem(String parameter, String message) {

    public ParameterProblem {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return parameter + ": " + message;
    }
}
