package org.parallelworkbench.core;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown instead of starting a run whose parameters have problems; carries every one of them. */
public final class InvalidParametersException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<ParameterProblem> problems;

    public InvalidParametersException(String providerId, List<ParameterProblem> problems) {
        super("Invalid parameters for '" + providerId + "': "
                + problems.stream().map(ParameterProblem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("An InvalidParametersException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ParameterProblem> problems() {
        return problems;
    }
}
