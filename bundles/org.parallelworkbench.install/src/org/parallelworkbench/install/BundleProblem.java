package org.parallelworkbench.install;

import java.util.Objects;

/** One thing wrong with a worker bundle, as a one-line message a user can act on. */
public record BundleProblem(Severity severity, String message) {

    /** An error keeps a bundle from being installed or from working; a warning does not. */
    public enum Severity {
        ERROR, WARNING
    }

    public BundleProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static BundleProblem error(String message) {
        return new BundleProblem(Severity.ERROR, message);
    }

    public static BundleProblem warning(String message) {
        return new BundleProblem(Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
