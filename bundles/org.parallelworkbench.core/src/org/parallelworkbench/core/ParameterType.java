package org.parallelworkbench.core;

/** The kinds of parameter a provider can ask for; each has one text form (see {@link ParameterDescriptor}). */
public enum ParameterType {
    /** A whole number, e.g. {@code 1000000}. */
    INTEGER,
    /** A decimal number with a '.' separator, e.g. {@code 0.25}. */
    DECIMAL,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** Any text. */
    TEXT,
    /** One of the descriptor's choices. */
    CHOICE
}
