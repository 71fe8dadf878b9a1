package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unpacked product started with {@code --console}: commands are typed into its Gogo shell, and each
 * command's answer is read back from its stdout up to an {@code echo} of a fresh marker typed right after it, so
 * an answer is always complete and never one left over from an earlier command. A reader thread takes stdout as
 * it comes (also copying it to a file for a failed test) and wakes the waiting test on every chunk and at the end.
 */
final class Console implements AutoCloseable {

    /** One command's answer, or the framework's stop; generous for a loaded 2-core machine. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The longest {@link #askUntil} waits for the product to log something before it types the command again:
     * most changes it waits for are logged (a provider added, a run's state), but some are not (the shell's
     * commands being registered at start), so a quiet product is asked again after this long.
     */
    static final Duration RETRY_INTERVAL = Duration.ofMillis(200);

    /** The id pw:run prints on a line of its own: base-36 time and sequence, e.g. {@code mx5hgiuu-000a}. */
    static final Pattern RUN_ID = Pattern.compile("(?m)^(?:g! )*([a-z0-9]+-[a-z0-9]+)[ \\t\\r]*$");

    private final Process process;
    private final OutputStream input;
    private final Path out;
    private final Path err;
    /** Everything read from stdout so far; guarded by itself, which is notified on each chunk and at the end. */
    private final StringBuilder output = new StringBuilder();
    private boolean outputEnded;
    private int markers;
    private int answered;

    private Console(Process process, Path out, Path err) {
        this.process = process;
        this.input = process.getOutputStream();
        this.out = out;
        this.err = err;
        Thread.ofPlatform().daemon().name("console-stdout-" + process.pid()).start(this::readOutput);
    }

    /** {@code pw:run <providerAndParameters>}: the id of the run it started, which goes on. */
    String startRun(String providerAndParameters) throws IOException, InterruptedException {
        String started = ask("pw:run " + providerAndParameters);
        Matcher id = RUN_ID.matcher(started);
        if (!id.find()) {
            fail("pw:run " + providerAndParameters + " started no run:\n" + started);
        }
        return id.group(1);
    }

    /** "STATE  result or reason" of the run, once pw:runs lists it as ended in the history. */
    String awaitEnd(String runId, String providerId) throws IOException, InterruptedException {
        Pattern ended = Pattern.compile("(?m)^  " + Pattern.quote(runId) + "  " + Pattern.quote(providerId)
                + "  (SUCCEEDED|FAILED|CANCELED)  on \\S+  \\S+  (.*?)\\r?$");
        Matcher run = ended.matcher(askUntil("pw:runs", a -> ended.matcher(a).find(), STEP_TIMEOUT, "run " + runId + " ended"));
        if (!run.find()) {
            fail("run " + runId + " ended, then was not listed:\n" + this);
        }
        return run.group(1) + "  " + run.group(2);
    }

    /** Runs the provider to its end: its result, failing the test unless the run SUCCEEDED. */
    String resultOf(String providerAndParameters) throws IOException, InterruptedException {
        String ended = awaitEnd(startRun(providerAndParameters), providerAndParameters.split(" ")[0]);
        if (!ended.startsWith("SUCCEEDED  ")) {
            fail("pw:run " + providerAndParameters + " ended " + ended);
        }
        return ended.substring("SUCCEEDED  ".length());
    }

    /** Starts the product; its stdout and stderr go to files named after {@code name} in the work folder. */
    static Console start(String name) throws IOException, InterruptedException {
        return start(name, Map.of());
    }

    /** {@link #start(String)} with more environment variables, e.g. {@code PW_JAVA_OPTS}. */
    static Console start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        Path home = Product.home();
        Path workDir = Files.createDirectories(Product.WORK_DIR);
        Path out = Files.createTempFile(workDir, name + "-stdout", ".txt");
        Path err = Files.createTempFile(workDir, name + "-stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/parallel-workbench").toString(), "--console")
                .directory(home.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        return new Console(builder.start(), out, err);
    }

    /** Types one command and returns everything the shell printed for it (prompts included). */
    String ask(String command) throws IOException, InterruptedException {
        String marker = "END-OF-ANSWER-" + ++markers;
        type(command);
        type("echo " + marker);
        Pattern end = Pattern.compile("(?m)^(?:g! )*" + marker + "\\r?$");
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        synchronized (output) {
            while (true) {
                Matcher matcher = end.matcher(output);
                if (matcher.find(answered)) {
                    String answer = output.substring(answered, matcher.start());
                    answered = matcher.end();
                    return answer;
                }
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (outputEnded || remainingMillis <= 0) {
                    fail("no answer to '" + command + "' within " + STEP_TIMEOUT.toSeconds() + " s (stdout ended: "
                            + outputEnded + ", alive: " + process.isAlive() + ")\n--- stdout ---\n" + output
                            + "--- stderr ---\n" + stderr());
                }
                output.wait(remainingMillis);
            }
        }
    }

    /** Types the command again until its answer meets the condition, within {@code timeout}; returns that answer. */
    String askUntil(String command, Predicate<String> condition, Duration timeout, String expectation)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService stderrChanges = err.getFileSystem().newWatchService()) {
            err.toAbsolutePath().getParent().register(stderrChanges, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                String answer = ask(command);
                if (condition.test(answer)) {
                    return answer;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    fail("'" + command + "' did not show " + expectation + " within " + timeout.toSeconds()
                            + " s; last answer:\n" + answer + "--- stderr ---\n" + stderr());
                }
                awaitLogLine(stderrChanges, Math.min(remaining, RETRY_INTERVAL.toNanos()));
            }
        }
    }

    /** Returns once the product writes to its stderr, or after {@code nanos}; other files' changes are skipped. */
    private void awaitLogLine(WatchService stderrChanges, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        for (long remaining = nanos; remaining > 0; remaining = deadline - System.nanoTime()) {
            WatchKey key = stderrChanges.poll(remaining, TimeUnit.NANOSECONDS);
            if (key == null) {
                return;
            }
            boolean logged = key.pollEvents().stream().anyMatch(event -> err.getFileName().equals(event.context()));
            key.reset();
            if (logged) {
                return;
            }
        }
    }

    /** Everything the shell printed so far. */
    String stdout() throws IOException {
        return printed();
    }

    private String printed() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** The file the product's stderr goes to, for waiting on what it writes there. */
    Path stderrFile() {
        return err;
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** The product JVM's process id: the launcher script execs java, so the started process is the JVM. */
    /** The worker processes the product runs now (its child JVMs started with a worker socket). */
    List<ProcessHandle> workerProcesses() {
        return process.children().filter(child -> child.info().arguments().map(arguments -> Arrays
                .stream(arguments).anyMatch(argument -> argument.startsWith("-Dparallelworkbench.worker.socket=")))
                .orElse(false)).toList();
    }

    long pid() {
        return process.pid();
    }

    /** Ends the shell's input, which stops the framework, and waits for the exit; returns the exit code. */
    int stop() throws IOException, InterruptedException {
        input.close();
        if (!process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            fail("the product did not stop at end of input within " + STEP_TIMEOUT.toSeconds() + " s\n--- stderr ---\n"
                    + stderr());
        }
        return process.exitValue();
    }

    /** Types a command that stops the product, input left open, and waits for the exit; returns the exit code. */
    int typeAndAwaitExit(String command) throws IOException, InterruptedException {
        type(command);
        if (!process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            fail("the product did not stop after '" + command + "' within " + STEP_TIMEOUT.toSeconds() + " s\n" + this);
        }
        return process.exitValue();
    }

    /** Both outputs so far, for a failure message. */
    @Override
    public String toString() {
        return "--- stdout ---\n" + printed() + "--- stderr ---\n" + Product.readQuietly(err) + "--------------";
    }

    /** Kills a product that a failed test left running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** On the reader thread: appends each chunk of stdout, copies it to the file, and wakes the waiting test. */
    private void readOutput() {
        char[] buffer = new char[8192];
        try (Reader reader = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
                Writer copy = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int read; (read = reader.read(buffer)) >= 0;) {
                copy.write(buffer, 0, read);
                copy.flush();
                synchronized (output) {
                    output.append(buffer, 0, read);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.append("\n(stdout unreadable: ").append(e).append(")\n");
            }
        } finally {
            synchronized (output) {
                outputEnded = true;
                output.notifyAll();
            }
        }
    }

    private void type(String line) throws IOException {
        input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }
}
