package org.parallelworkbench.cli.internal.command;

import picocli.CommandLine.Option;

/** {@code -h} and {@code --help}, the same on every command: picocli shows the command's help instead of running it. */
public final class HelpOption {

    /** Set by picocli; {@link CommandLines#helpAsked} reads the request through picocli. */
    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Prints this help.")
    boolean requested;
}
