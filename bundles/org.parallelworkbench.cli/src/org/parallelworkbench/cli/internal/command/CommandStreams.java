package org.parallelworkbench.cli.internal.command;

import java.io.PrintStream;

/**
 * Where a headless command writes: results on {@code out} (kept clean for scripts), everything else on
 * {@code err}. {@code errIsTerminal} says whether {@code err} is a terminal, which only the launcher script
 * can tell ({@code [ -t 2 ]}); it passes the answer as the framework property {@value #ERR_TERMINAL_PROPERTY}.
 */
public record CommandStreams(PrintStream out, PrintStream err, boolean errIsTerminal) {

    public static final String ERR_TERMINAL_PROPERTY = "parallelworkbench.stderr.terminal";
}
