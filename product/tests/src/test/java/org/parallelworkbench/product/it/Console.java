package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unpacked product started with {@code --console}: commands are typed into its Gogo shell, and each
 * command's answer is read back from its stdout file up to an {@code echo} of a fresh marker typed right after
 * it, so an answer is always complete and never one left over from an earlier command.
 */
final class Console implements AutoCloseable {

    /** One command's answer, or the framework's stop; generous for a loaded 2-core machine. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    /** Between two tries of a command whose answer has not changed yet: the condition polled, bounded above. */
    static final Duration RETRY_INTERVAL = Duration.ofMillis(200);

    private final Process process;
    private final OutputStream input;
    private final Path out;
    private final Path err;
    private int markers;
    private int answered;

    private Console(Process process, Path out, Path err) {
        this.process = process;
        this.input = process.getOutputStream();
        this.out = out;
        this.err = err;
    }

    /** Starts the product; its stdout and stderr go to files named after {@code name} in the work folder. */
    static Console start(String name) throws IOException, InterruptedException {
        Path home = Product.home();
        Path workDir = Files.createDirectories(Product.WORK_DIR);
        Path out = Files.createTempFile(workDir, name + "-stdout", ".txt");
        Path err = Files.createTempFile(workDir, name + "-stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/parallel-workbench").toString(), "--console")
                .directory(home.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return new Console(builder.start(), out, err);
    }

    /** Types one command and returns everything the shell printed for it (prompts included). */
    String ask(String command) throws IOException, InterruptedException {
        String marker = "END-OF-ANSWER-" + ++markers;
        type(command);
        type("echo " + marker);
        Pattern end = Pattern.compile("(?m)^(?:g! )*" + marker + "\\r?$");
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (true) {
            String text = stdout();
            Matcher matcher = end.matcher(text);
            if (matcher.find(answered)) {
                String answer = text.substring(answered, matcher.start());
                answered = matcher.end();
                return answer;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail("no answer to '" + command + "' within " + STEP_TIMEOUT.toSeconds() + " s (alive: " + process.isAlive()
                        + ")\n--- stdout ---\n" + text + "--- stderr ---\n" + stderr());
            }
            Thread.sleep(50); // polling the shell's output for the marker, bounded above
        }
    }

    /** Types the command again until its answer meets the condition, within {@code timeout}; returns that answer. */
    String askUntil(String command, Predicate<String> condition, Duration timeout, String expectation)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String answer = ask(command);
            if (condition.test(answer)) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                fail("'" + command + "' did not show " + expectation + " within " + timeout.toSeconds() + " s; last answer:\n"
                        + answer + "--- stderr ---\n" + stderr());
            }
            Thread.sleep(RETRY_INTERVAL.toMillis()); // the answer is the condition polled, bounded above
        }
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** The file the product's stderr goes to, for waiting on what it writes there. */
    Path stderrFile() {
        return err;
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** The product JVM's process id: the launcher script execs java, so the started process is the JVM. */
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

    /** Both outputs so far, for a failure message. */
    @Override
    public String toString() {
        return "--- stdout ---\n" + Product.readQuietly(out) + "--- stderr ---\n" + Product.readQuietly(err) + "--------------";
    }

    /** Kills a product that a failed test left running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void type(String line) throws IOException {
        input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }
}
