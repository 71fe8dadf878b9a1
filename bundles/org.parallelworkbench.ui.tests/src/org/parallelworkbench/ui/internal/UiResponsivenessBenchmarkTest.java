package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelworkbench.ui.internal.UiTestSupport.spinUntil;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.viewmodel.WorkbenchViewModel;

/**
 * The window's responsiveness benchmark, a harness and not a timed test: how long a runnable posted to
 * the UI thread waits, with the real window open and no runs, then with {@link #RUNS} runs of the
 * {@link FloodProvider} listed in it. Prints a {@link ResponsivenessReport} and writes it to
 * {@code target/ui-responsiveness.txt}. In the normal build it is a smoke run of
 * {@link #SMOKE_SECONDS} per phase that asserts only that the harness works; {@code -Dpw.uibench.seconds=20}
 * measures longer ({@code releng/bin/run-ui-benchmark}).
 * <p>
 * Uses only what the window promises to keep: the ViewModel's and window's constructors,
 * {@code open}, {@code close}, {@code getShell} and {@code runs().add}.
 */
class UiResponsivenessBenchmarkTest {

    static final String SECONDS_PROPERTY = "pw.uibench.seconds";
    static final String REPORT_PROPERTY = "pw.uibench.report";
    /** Busy time per flood unit in µs; 0 (the default) for empty units. */
    static final String UNIT_MICROS_PROPERTY = "pw.uibench.unitMicros";
    private static final long SMOKE_SECONDS = 2;
    private static final int RUNS = 4;
    /** Lets the JIT and the flood settle before a phase is measured. */
    private static final Duration WARM_UP = Duration.ofMillis(500);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(5);

    private static Display display;
    private static JobService jobs;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private WorkbenchViewModel viewModel;
    private WorkbenchWindow window;
    private ServiceRegistration<WorkProvider> flood;
    /** UI thread only. */
    private long tableRepaints;

    @BeforeAll
    static void openDisplay() throws InterruptedException {
        display = UiTestSupport.openDisplay();
        jobs = UiTestSupport.service(UiResponsivenessBenchmarkTest.class, JobService.class);
    }

    @AfterAll
    static void closeDisplay() {
        display.dispose();
    }

    @BeforeEach
    void openWindow() {
        Realm.runWithDefault(DisplayRealm.getRealm(display), () -> {
            viewModel = new WorkbenchViewModel(Realm.getDefault(), jobs);
            window = new WorkbenchWindow(viewModel);
            window.setBlockOnOpen(false);
            window.open();
        });
        tables(window.getShell()).forEach(table -> table.addListener(SWT.Paint, event -> tableRepaints++));
    }

    @AfterEach
    void closeWindow() {
        // The runs end first: with none active the window closes without asking.
        jobs.cancelAll("benchmark ended");
        spinUntil(display, () -> jobs.activeRuns().isEmpty(), CANCEL_TIMEOUT, () -> "runs still active after the benchmark");
        if (flood != null) {
            flood.unregister();
        }
        if (window.getShell() != null) {
            window.close();
        }
    }

    @Test
    void probesRunWithoutAndWithFourFloodingRunsWhichEndCanceled() throws Exception {
        assertTrue(threads.isThreadCpuTimeSupported(), "this JVM cannot measure a thread's CPU time");
        spinUntil(display, () -> jobs.activeRuns().isEmpty(), CANCEL_TIMEOUT,
                () -> "runs of other tests are still active: " + jobs.activeRuns());
        long seconds = Long.getLong(SECONDS_PROPERTY, SMOKE_SECONDS);
        Duration phaseLength = Duration.ofSeconds(Math.max(1, seconds));

        measure("warm-up", WARM_UP);
        ResponsivenessReport.Phase baseline = measure("window, no runs", phaseLength);

        List<RunHandle> runs = startFloodingRuns();
        List<RunEventCounter> counters = runs.stream().map(RunEventCounter::new).toList();
        display.asyncExec(() -> runs.forEach(viewModel.runs()::add));
        spinUntil(display, () -> counters.stream().allMatch(counter -> counter.unitsDone() > 0), SETTLE_TIMEOUT,
                () -> "not every run reported units done: " + counters.stream().map(RunEventCounter::unitsDone).toList());
        spinUntil(display, () -> tables(window.getShell()).stream().anyMatch(table -> table.getItemCount() == RUNS),
                SETTLE_TIMEOUT, () -> "the window does not list the " + RUNS + " runs");
        measure("warm-up", WARM_UP);
        List<RunEventCounter.Counts> before = counters.stream().map(RunEventCounter::counts).toList();
        long windowEventsBefore = viewModel.runs().eventsReceived();
        ResponsivenessReport.Phase flooded = measure("window, " + RUNS + " flood runs", phaseLength);
        long windowEvents = viewModel.runs().eventsReceived() - windowEventsBefore;
        List<RunEventCounter.Counts> after = counters.stream().map(RunEventCounter::counts).toList();
        List<RunState> statesAfterPhase = runs.stream().map(RunHandle::state).toList();

        List<RunOutcome> outcomes = cancelAndAwait(runs);
        ResponsivenessReport report = new ResponsivenessReport(phaseLength, System.getProperty(SECONDS_PROPERTY) == null,
                baseline, flooded, RUNS, unitMicros(), sum(after).minus(sum(before)), windowEvents, loadAverage());
        System.out.println(report.text());
        Path file = reportFile();
        report.write(file);
        System.out.println("written to " + file.toAbsolutePath());

        assertHarnessMeasured(baseline);
        assertHarnessMeasured(flooded);
        assertEquals(List.of(RunState.RUNNING, RunState.RUNNING, RunState.RUNNING, RunState.RUNNING), statesAfterPhase,
                "every run was active through the flood phase");
        for (int i = 0; i < RUNS; i++) {
            int run = i;
            assertTrue(after.get(run).unitsDone() > before.get(run).unitsDone(),
                    () -> "run " + run + " did no units during the flood phase: " + before.get(run) + " then " + after.get(run));
        }
        assertEquals(List.of(RunState.CANCELED, RunState.CANCELED, RunState.CANCELED, RunState.CANCELED),
                outcomes.stream().map(RunOutcome::state).toList(), "how the runs ended");
    }

    private List<RunHandle> startFloodingRuns() {
        flood = FrameworkUtil.getBundle(getClass()).getBundleContext().registerService(WorkProvider.class,
                new FloodProvider(), null);
        spinUntil(display, () -> jobs.providers().contains(FloodProvider.INFO), SETTLE_TIMEOUT,
                () -> "the engine did not see the flood provider");
        Parameters parameters = Parameters.parse(List.of(FloodProvider.UNIT_MICROS + "=" + unitMicros()));
        return IntStream.range(0, RUNS).mapToObj(i -> jobs.start(FloodProvider.INFO.id(), parameters)).toList();
    }

    /** Runs the event loop the way the product does for the phase's length, probing it. */
    private ResponsivenessReport.Phase measure(String name, Duration length) throws InterruptedException {
        UiProbe probe = new UiProbe(display, (int) (length.toMillis() / UiProbe.PERIOD_MILLIS));
        long uiThreadId = display.getThread().threadId();
        long repaints = tableRepaints;
        long gcCount = gcCount();
        long gcMillis = gcMillis();
        long cpu = threads.getThreadCpuTime(uiThreadId);
        long wall = System.nanoTime();
        probe.start();
        runEventLoopFor(length);
        probe.stop();
        long wallNanos = System.nanoTime() - wall;
        long cpuNanos = threads.getThreadCpuTime(uiThreadId) - cpu;
        long gcCountDelta = gcCount() - gcCount;
        long gcMillisDelta = gcMillis() - gcMillis;
        long repaintsDelta = tableRepaints - repaints;
        spinUntil(display, probe::allRan, SETTLE_TIMEOUT, () -> "probes posted in phase '" + name + "' did not all run");
        return new ResponsivenessReport.Phase(name, probe.delays(), wallNanos, cpuNanos, gcCountDelta, gcMillisDelta,
                repaintsDelta);
    }

    /** The product's event loop, ended by a timer: no other wake-ups than the ones the window causes. */
    private static void runEventLoopFor(Duration length) {
        boolean[] over = new boolean[1];
        display.timerExec((int) length.toMillis(), () -> over[0] = true);
        while (!over[0]) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    private List<RunOutcome> cancelAndAwait(List<RunHandle> runs) {
        runs.forEach(run -> run.cancel("benchmark phase over"));
        List<CompletableFuture<RunOutcome>> outcomes = runs.stream().map(run -> run.outcome().toCompletableFuture()).toList();
        spinUntil(display, () -> outcomes.stream().allMatch(CompletableFuture::isDone), CANCEL_TIMEOUT,
                () -> "cancelled runs did not all end: " + runs.stream().map(RunHandle::state).toList());
        return outcomes.stream().map(CompletableFuture::join).toList();
    }

    private static void assertHarnessMeasured(ResponsivenessReport.Phase phase) {
        UiProbe.Delays delays = phase.delays();
        assertTrue(delays.samples() > 0, () -> "no probe ran in phase '" + phase.name() + "'");
        assertTrue(delays.p50Nanos() <= delays.p99Nanos() && delays.p99Nanos() <= delays.maxNanos(),
                () -> "percentiles out of order in phase '" + phase.name() + "': " + delays);
        assertTrue(phase.uiCpuNanos() >= 0 && phase.wallNanos() > 0, () -> "no CPU or wall time in " + phase);
    }

    private static long unitMicros() {
        return Long.getLong(UNIT_MICROS_PROPERTY, 0);
    }

    private static RunEventCounter.Counts sum(List<RunEventCounter.Counts> counts) {
        return counts.stream().reduce(RunEventCounter.Counts.ZERO, RunEventCounter.Counts::plus);
    }

    private static List<Table> tables(Control control) {
        List<Table> found = new ArrayList<>();
        if (control instanceof Table table) {
            found.add(table);
        } else if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                found.addAll(tables(child));
            }
        }
        return found;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .filter(count -> count > 0).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(millis -> millis > 0).sum();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", List.of(fields).subList(0, Math.min(3, fields.length)));
        } catch (IOException e) {
            return "n/a (" + e.getMessage() + ")";
        }
    }

    /**
     * {@code target/ui-responsiveness.txt} of this module: Tycho runs the tests with the OSGi install area
     * in {@code target/work}.
     */
    private static Path reportFile() {
        String configured = System.getProperty(REPORT_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        String installArea = System.getProperty("osgi.install.area");
        Path work = installArea != null && installArea.startsWith("file:") ? Path.of(installArea.substring("file:".length()))
                : Path.of("").toAbsolutePath();
        return work.getParent().resolve("ui-responsiveness.txt");
    }
}
