package org.parallelworkbench.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.engine.internal.BenchmarkEngine;

/**
 * Heap retained per queued unit: the used heap after full GCs while a run of a finite plan is held
 * with its first unit in flight and the rest queued, minus the used heap before the run started,
 * divided by the units. Each measurement runs in a fresh JVM ({@link #inFreshJvm}): in a JVM that ran
 * runs before, a Jobs worker thread may still hold the previous run's job while the heap is sampled.
 */
public final class QueuedUnitMemory {

    /** Shape of the queued units. */
    public enum UnitShape {
        /** {@code from}/{@code to} text pairs, as a range-splitting provider queues them. */
        RANGE,
        /** No data: the engine's own cost per unit, {@link WorkUnit} and its slot in the plan. */
        EMPTY
    }

    private static final String ID = "bench-held";
    private static final long WAIT_SECONDS = 60;
    /** A full GC more that frees less than this is taken as the heap having settled. */
    private static final long SETTLED_BYTES = 64 * 1024;
    private static final int MAX_GCS = 10;

    private QueuedUnitMemory() {
    }

    /** Prints {@link #bytesPerUnit} for the arguments {@code units shape}; the child side of {@link #inFreshJvm}. */
    public static void main(String[] args) throws InterruptedException {
        BenchmarkLogging.quiet();
        System.out.println(bytesPerUnit(Integer.parseInt(args[0]), UnitShape.valueOf(args[1])));
    }

    /** {@link #bytesPerUnit} measured in a child JVM with this JVM's class path. */
    public static double inFreshJvm(int units, UnitShape shape) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                QueuedUnitMemory.class.getName(), Integer.toString(units), shape.name())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new IllegalStateException("The memory measurement did not end within " + WAIT_SECONDS + " s");
        }
        if (child.exitValue() != 0) {
            throw new IllegalStateException("The memory measurement failed with exit code " + child.exitValue());
        }
        return Double.parseDouble(output);
    }

    /** Retained bytes per queued unit for a finite plan of {@code units} units of this shape. */
    public static double bytesPerUnit(int units, UnitShape shape) throws InterruptedException {
        HeldProvider provider = new HeldProvider(units, shape);
        try (BenchmarkEngine engine = new BenchmarkEngine(1, provider)) {
            JobService jobs = engine.jobService();
            long before = usedHeapAfterGc();
            RunHandle run = jobs.start(ID, Parameters.NONE);
            if (!provider.firstUnitEntered.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The held run's first unit did not start within " + WAIT_SECONDS + " s");
            }
            long during = usedHeapAfterGc();
            run.cancel("measured");
            provider.release.countDown();
            return (double) (during - before) / units;
        }
    }

    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < MAX_GCS; i++) {
            memory.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            boolean settled = used - now < SETTLED_BYTES;
            used = Math.min(used, now);
            if (settled) {
                break;
            }
        }
        return used;
    }

    /** Plans {@code units} units; the first one holds the run until released or cancelled. */
    private static final class HeldProvider implements WorkProvider {

        private static final ProviderInfo INFO = new ProviderInfo(ID, "Held units (benchmark)",
                "A finite plan whose first unit waits", "1");

        private final int units;
        private final UnitShape shape;
        final CountDownLatch firstUnitEntered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldProvider(int units, UnitShape shape) {
            this.units = units;
            this.shape = shape;
        }

        @Override
        public ProviderInfo info() {
            return INFO;
        }

        @Override
        public WorkPlan plan(Parameters parameters) {
            List<WorkUnit> plan = new ArrayList<>(units);
            for (int i = 0; i < units; i++) {
                plan.add(shape == UnitShape.RANGE ? PrimeRangeProvider.rangeUnit(i, i * 1_000L, (i + 1) * 1_000L)
                        : new WorkUnit(i, Map.of()));
            }
            return WorkPlan.of(plan, 1);
        }

        @Override
        public UnitResult execute(WorkUnit unit, UnitContext context) throws InterruptedException {
            firstUnitEntered.countDown();
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            return new UnitResult(unit.index(), "");
        }
    }
}
