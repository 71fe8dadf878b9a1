package org.parallelworkbench.cli.internal.console;

import org.osgi.service.component.annotations.Component;

/**
 * {@code exit} and {@code exit <status>} in {@code --console}: stop the product. The Gogo shell has no exit
 * command of its own; it found {@code System.exit(int)} for {@code exit 0}, and answered a bare {@code exit} with
 * "Cannot coerce exit() to any of [(int)]". The JVM's exit runs Felix's shutdown hook, which stops the framework
 * and with it the Gogo session: so the exit is called on a thread of its own, and the session's thread returns.
 */
@Component(immediate = true, service = ConsoleExit.class, property = { "osgi.command.scope=" + PwCommands.SCOPE,
        "osgi.command.function=exit" })
public final class ConsoleExit {

    /** {@code exit}: stops the product with status 0. */
    public void exit() {
        exit(0);
    }

    /** {@code exit <status>}: stops the product; the process ends with that status. */
    public void exit(int status) {
        Thread exit = new Thread(() -> System.exit(status), "console-exit");
        exit.start();
    }
}
