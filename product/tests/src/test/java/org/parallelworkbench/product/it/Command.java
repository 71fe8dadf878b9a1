package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a child process with a bounded wait; its output goes to files so a chatty child never blocks. */
record Command(List<String> argv, Path workDir, Map<String, String> env, boolean inheritEnv) {

    record Result(int exitCode, String stdout, String stderr, Duration elapsed) {
        String describe() {
            return "exit " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout ---\n" + stdout
                    + "--- stderr ---\n" + stderr + "--------------";
        }
    }

    Result run(Duration timeout, Path outputDir) throws IOException, InterruptedException {
        Files.createDirectories(outputDir);
        Path out = Files.createTempFile(outputDir, "stdout", ".txt");
        Path err = Files.createTempFile(outputDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (!inheritEnv) {
            builder.environment().clear();
        }
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(argv + " did not end within " + timeout.toSeconds() + " s\n--- stdout ---\n" + read(out)
                    + "--- stderr ---\n" + read(err));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(process.exitValue(), read(out), read(err), elapsed);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
