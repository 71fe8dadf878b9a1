package org.parallelworkbench.engine.remote;

import java.util.Objects;

/**
 * What a unit threw on a member, as text: the exception's class name, message and stack trace.
 *
 * @param stackTrace as printed on the member, empty when unknown
 */
public record UnitFailure(long unitIndex, String exceptionType, String message, String stackTrace) {

    public UnitFailure {
        Objects.requireNonNull(exceptionType, "exceptionType");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stackTrace, "stackTrace");
    }
}
