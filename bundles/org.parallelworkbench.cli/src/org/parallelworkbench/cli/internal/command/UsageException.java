package org.parallelworkbench.cli.internal.command;

import java.util.List;

/** Bad command-line input; its lines go to stderr as they are and the command exits {@link ExitCodes#USAGE}. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> lines;

    public UsageException(String message) {
        this(List.of(message));
    }

    public UsageException(List<String> lines) {
        super(String.join("\n", lines));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("A usage error needs at least one line");
        }
        this.lines = List.copyOf(lines);
    }

    public List<String> lines() {
        return lines;
    }
}
