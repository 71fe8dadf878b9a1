package org.parallelworkbench.cli.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Runs the headless mode chosen by the framework property {@value HeadlessMode#PROPERTY} on its own
 * thread and ends the JVM with the mode's exit code. {@code System.exit} is called from that thread,
 * never from a framework thread: Felix main's shutdown hook then stops the framework, which
 * deactivates this component while {@code exit} is still waiting, so deactivation must not join it.
 */
@Component(immediate = true)
public final class HeadlessLauncher {

    static final int EXIT_USAGE = 2;

    private Thread worker;

    @Activate
    void activate(BundleContext context) {
        String value = context.getProperty(HeadlessMode.PROPERTY);
        Optional<HeadlessMode> mode = HeadlessMode.parse(value);
        if (mode.isEmpty()) {
            startWorker("unknown", () -> {
                System.err.println("Unknown " + HeadlessMode.PROPERTY + " '" + value + "'; expected one of: gui, smoke");
                return EXIT_USAGE;
            });
            return;
        }
        switch (mode.get()) {
            case GUI -> {
                // The UI bundle opens the window.
            }
            case SMOKE -> startWorker(HeadlessMode.SMOKE.value(), () -> {
                SmokeCheck.Result result = new SmokeCheck(context).run();
                System.out.println(result.line());
                return result.exitCode();
            });
        }
    }

    @Deactivate
    void deactivate() {
        Thread running = worker;
        if (running != null) {
            running.interrupt(); // ends its waits; no join, see class comment
        }
    }

    private void startWorker(String name, Callable<Integer> mode) {
        Thread thread = new Thread(() -> {
            int code;
            try {
                code = mode.call();
            } catch (Throwable t) {
                // Last resort: each mode reports its own failures in its own words.
                System.out.println(name.toUpperCase(Locale.ROOT) + " FAILED: " + t);
                code = 1;
            }
            System.out.flush();
            System.exit(code);
        }, "parallelworkbench-headless-" + name);
        // Daemon: never keeps a JVM alive that the framework is shutting down.
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }
}
