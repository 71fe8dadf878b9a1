package org.parallelworkbench.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.engine.internal.BenchmarkEngine;

/**
 * Heap an open-ended run holds as it goes on: one run of empty units on every core, watched by a
 * subscriber as the window watches runs, sampled (used heap after full GCs, minus the heap before the
 * run) once {@code units} units completed and again after three times as many more. A run that keeps
 * nothing per unit holds about as much at both samples. Runs in a fresh JVM, as {@link QueuedUnitMemory}.
 */
public final class OpenEndedRunMemory {

    /** Both samples, in bytes. */
    public record Held(long early, long late, long unitsBetween) {

        /** Heap gained per unit completed between the samples: 0 for a run that keeps nothing per unit. */
        public double bytesPerLaterUnit() {
            return (double) (late - early) / unitsBetween;
        }
    }

    private static final String ID = "bench-endless";
    private static final long WAIT_SECONDS = 60;
    private static final int LATER_UNITS_FACTOR = 3;

    private OpenEndedRunMemory() {
    }

    /** Prints {@link #held} for the argument {@code units}; the child side of {@link #inFreshJvm}. */
    public static void main(String[] args) throws InterruptedException {
        BenchmarkLogging.quiet();
        Held held = held(Long.parseLong(args[0]));
        System.out.println(held.early() + " " + held.late() + " " + held.unitsBetween());
    }

    /** {@link #held} measured in a child JVM with this JVM's class path. */
    public static Held inFreshJvm(long units) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OpenEndedRunMemory.class.getName(), Long.toString(units))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new IllegalStateException("The open-ended run measurement did not end within " + WAIT_SECONDS + " s");
        }
        if (child.exitValue() != 0) {
            throw new IllegalStateException("The open-ended run measurement failed with exit code " + child.exitValue());
        }
        String[] fields = output.split(" ");
        return new Held(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
    }

    /**
     * Heap held by the run after {@code units} completed units, and again after at least
     * {@value #LATER_UNITS_FACTOR} times as many more.
     */
    public static Held held(long units) throws InterruptedException {
        EndlessProvider provider = new EndlessProvider();
        try (BenchmarkEngine engine = new BenchmarkEngine(Runtime.getRuntime().availableProcessors(), provider)) {
            long before = QueuedUnitMemory.usedHeapAfterGc();
            RunHandle run = engine.jobService().start(ID, Parameters.NONE);
            run.events().subscribe(RunEvent.subscriber(event -> {
                // takes every event, so the run publishes to a subscriber as it does in the window
            }));
            awaitCompleted(provider, units);
            long early = QueuedUnitMemory.usedHeapAfterGc() - before;
            long atEarly = provider.completed.get();
            awaitCompleted(provider, atEarly + LATER_UNITS_FACTOR * units);
            long late = QueuedUnitMemory.usedHeapAfterGc() - before;
            long between = provider.completed.get() - atEarly;
            run.cancel("measured");
            return new Held(early, late, between);
        }
    }

    private static void awaitCompleted(EndlessProvider provider, long units) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (provider.completed.get() < units) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Only " + provider.completed + " of " + units + " units completed within "
                        + WAIT_SECONDS + " s");
            }
            Thread.sleep(10); // polling a counter; not a synchronisation
        }
    }

    /** An open-ended plan of empty units, as many at once as there are workers; counts what it executed. */
    private static final class EndlessProvider implements WorkProvider {

        private static final ProviderInfo INFO = new ProviderInfo(ID, "Endless empty units (benchmark)",
                "An open-ended plan of units that return at once", "1");
        private static final String DONE = "done";

        final AtomicLong completed = new AtomicLong();

        @Override
        public ProviderInfo info() {
            return INFO;
        }

        @Override
        public WorkPlan plan(Parameters parameters) {
            return WorkPlan.open(index -> new WorkUnit(index, Map.of()), Integer.MAX_VALUE);
        }

        @Override
        public UnitResult execute(WorkUnit unit, UnitContext context) {
            completed.incrementAndGet();
            return new UnitResult(unit.index(), DONE);
        }
    }
}
