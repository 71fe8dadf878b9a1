package org.parallelworkbench.cli.internal.launch;

import java.util.Arrays;
import java.util.Optional;

import org.parallelworkbench.cli.internal.console.PwCommands;
import org.parallelworkbench.cli.internal.run.RunCommand;
import org.parallelworkbench.cli.internal.workers.WorkerInstaller;
import org.parallelworkbench.core.product.ProductProperties;

/**
 * The modes the launcher script selects with the framework property {@value ProductProperties#MODE}, by the first
 * word of its command line. Only headless modes do anything in this bundle; {@link #GUI} belongs to the UI bundle,
 * which opens its window in that mode only, and {@link #CONSOLE} to the Gogo shell.
 */
enum HeadlessMode {
    /** The window; nothing to do here. Also the mode when the property is absent. */
    GUI(ProductProperties.GUI_MODE),
    /** Checks the assembled product end to end, prints one line and exits the JVM. */
    SMOKE("smoke"),
    /** Runs one provider to its end ({@link RunCommand}) and exits the JVM with the run's exit code. */
    RUN("run"),
    /** Lists the installed providers and their parameters, and exits the JVM. */
    PROVIDERS("providers"),
    /** Lists the run history (the journal, kept across restarts), and exits the JVM. */
    HISTORY("history"),
    /** Checks a worker bundle jar and copies it into the drop-in folder ({@link WorkerInstaller}), and exits the JVM. */
    INSTALL("install"),
    /** Removes a worker bundle from the drop-in folder by symbolic name ({@link WorkerInstaller}), and exits the JVM. */
    UNINSTALL("uninstall"),
    /** The Gogo shell on the terminal (gogo.shell does it; the pw:* commands are {@link PwCommands}). */
    CONSOLE("console"),
    /**
     * Help asked for, or a command line the launcher script does not know: prints the help, or the usage error,
     * and exits the JVM.
     */
    HELP("help"),
    /** Prints the bash completion script of the command line, and exits the JVM. */
    COMPLETION("completion"),
    /** Joins the cluster as a member that executes units of other machines' runs, until Ctrl+C or SIGTERM. */
    MEMBER("member");

    private final String value;

    HeadlessMode(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    /** Whether this bundle runs the command line in this mode, and then exits the JVM. */
    boolean headless() {
        return this != GUI && this != CONSOLE;
    }

    /** @return the mode named by the property value, GUI when absent, empty when unknown */
    static Optional<HeadlessMode> parse(String propertyValue) {
        if (propertyValue == null || propertyValue.isBlank()) {
            return Optional.of(GUI);
        }
        return Arrays.stream(values()).filter(m -> m.value.equals(propertyValue.trim())).findFirst();
    }
}
