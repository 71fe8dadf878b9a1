package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunObserver;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.testing.Waits;

/** The engine as other bundles see it: the DS service, the real ticker, test providers as services. */
class JobServiceTest {

    private static final Duration CANCEL_BAR = Duration.ofSeconds(1);
    private static final Duration SHORT = Duration.ofSeconds(5);
    private static final Parameters FAST_TICKER = Parameters.NONE.with("intervalMillis", "50");

    private BundleContext context;
    private ServiceTracker<JobService, JobService> tracker;
    private JobService jobs;
    private final List<ServiceRegistration<WorkProvider>> registrations = new ArrayList<>();
    /** Opened after each test so that no unit a test blocked stays blocked. */
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void getService() throws InterruptedException {
        context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        tracker = new ServiceTracker<>(context, JobService.class, null);
        tracker.open();
        jobs = tracker.waitForService(10_000);
        assertNotNull(jobs, "The JobService did not arrive within 10 seconds (is the DS runtime started?)");
        Waits.until(() -> jobs.providers().stream().anyMatch(p -> p.id().equals("ticker")), SHORT,
                () -> "the ticker provider never arrived: " + jobs.providers());
    }

    @AfterEach
    void cleanUp() {
        release.countDown();
        jobs.cancelAll("test ended");
        registrations.forEach(JobServiceTest::unregisterQuietly);
        // A run leaves the active runs before its outcome completes.
        jobs.activeRuns().forEach(run -> Waits.outcome(run, SHORT));
        assertEquals(List.of(), jobs.activeRuns(), "runs left over");
        tracker.close();
    }

    private ServiceRegistration<WorkProvider> register(WorkProvider provider) {
        ServiceRegistration<WorkProvider> registration = context.registerService(WorkProvider.class, provider, null);
        registrations.add(registration);
        String id = provider.info().id();
        Waits.until(() -> jobs.providers().stream().anyMatch(p -> p.id().equals(id)), SHORT,
                () -> "provider '" + id + "' was not bound");
        return registration;
    }

    @Test
    void tickerValuesArriveInOrder() throws InterruptedException {
        RunHandle run = jobs.start("ticker", FAST_TICKER);
        BlockingQueue<String> values = new LinkedBlockingQueue<>();
        run.events().subscribe(RunEvent.subscriber(event -> {
            if (event instanceof RunEvent.UnitCompleted done) {
                values.add(done.result().value());
            }
        }));

        List<String> firstThree = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String value = values.poll(2, TimeUnit.SECONDS);
            assertNotNull(value, "tick " + (i + 1) + " did not arrive within 2 s; got " + firstThree);
            firstThree.add(value);
        }
        run.cancel("enough");
        RunOutcome outcome = Waits.outcome(run, CANCEL_BAR);

        assertEquals(List.of("1", "2", "3"), firstThree);
        assertEquals(RunState.CANCELED, outcome.state());
        for (int i = 0; i < outcome.results().size(); i++) {
            assertEquals(new UnitResult(i, Integer.toString(i + 1)), outcome.results().get(i));
        }
    }

    @Test
    void cancelReachesCanceledWithinOneSecond() {
        RunHandle run = jobs.start("ticker", Parameters.NONE);
        Waits.until(() -> run.state() == RunState.RUNNING, SHORT, () -> "the ticker never ran");

        long startNanos = System.nanoTime();
        run.cancel("user pressed stop");
        RunOutcome outcome = Waits.outcome(run, CANCEL_BAR);

        assertEquals(RunState.CANCELED, outcome.state());
        assertEquals("user pressed stop", outcome.reason());
        assertEquals(RunState.CANCELED, run.state());
        assertTrue(System.nanoTime() - startNanos < CANCEL_BAR.toNanos(), "cancel took longer than 1 s");
    }

    @Test
    void cancelDoesNotWaitForAUnitThatIgnoresCancelAndInterrupt() throws InterruptedException {
        AtomicReference<Thread> stuckThread = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        register(new TestProvider("stubborn", p -> WorkPlan.open(i -> new org.parallelworkbench.core.WorkUnit(i,
                java.util.Map.of()), 1), (unit, ctx) -> {
                    stuckThread.set(Thread.currentThread());
                    started.countDown();
                    while (release.getCount() > 0) {
                        try {
                            release.await();
                        } catch (InterruptedException ignored) {
                            // this unit ignores interrupts on purpose
                        }
                    }
                    return "released";
                }));
        RunHandle run = jobs.start("stubborn", Parameters.NONE);
        Waits.await(started, SHORT, "the stubborn unit never started");

        run.cancel("stop now");
        RunOutcome outcome = Waits.outcome(run, CANCEL_BAR);
        assertEquals(RunState.CANCELED, outcome.state());

        // The abandoned worker was destroyed, not pooled: once its unit returns, its thread ends.
        release.countDown();
        stuckThread.get().join(2_000);
        assertFalse(stuckThread.get().isAlive(), stuckThread.get().getName() + " was kept after it hung");
    }

    @Test
    void aThrowingUnitFailsOnlyItsRun() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs a pool of two workers");
        Set<Long> started = ConcurrentHashMap.newKeySet();
        AtomicBoolean siblingSawCancel = new AtomicBoolean();
        CountDownLatch siblingRunning = new CountDownLatch(1);
        register(TestProvider.finite("thrower", 10, 2, (unit, ctx) -> {
            started.add(unit.index());
            if (unit.index() == 0) {
                siblingRunning.countDown();
                long deadline = System.nanoTime() + SHORT.toNanos();
                while (!ctx.isCanceled() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                siblingSawCancel.set(ctx.isCanceled());
                return "sibling";
            }
            if (unit.index() == 1) {
                Waits.await(siblingRunning, SHORT, "unit 0 never started");
                throw new IllegalStateException("kaboom");
            }
            return "never";
        }));
        register(TestProvider.finite("steady", 20, 1, (unit, ctx) -> "ok" + unit.index()));

        RunHandle failing = jobs.start("thrower", Parameters.NONE);
        RunHandle steady = jobs.start("steady", Parameters.NONE);
        RunOutcome failed = Waits.outcome(failing, SHORT);
        RunOutcome succeeded = Waits.outcome(steady, SHORT);

        assertEquals(RunState.FAILED, failed.state());
        assertTrue(failed.reason().contains("Unit 1") && failed.reason().contains("kaboom"), failed.reason());
        assertEquals(Set.of(0L, 1L), started, "queued units must never start");
        assertTrue(siblingSawCancel.get(), "the sibling unit was not told to stop");
        assertEquals(RunState.SUCCEEDED, succeeded.state(), succeeded.reason());
        assertEquals(20, succeeded.results().size());
    }

    @Test
    void finiteRunHoldsAllResultsInOrder() {
        int count = 10_000;
        AtomicReference<String> lastAccepted = new AtomicReference<>();
        register(TestProvider.finite("tiny", count, 4, (unit, ctx) -> "v" + unit.index())
                .withAccumulator(() -> new ResultAccumulator() {
                    private final ResultAccumulator latest = ResultAccumulator.latestValue();

                    @Override
                    public void accept(UnitResult result) {
                        lastAccepted.set(result.value());
                        latest.accept(result);
                    }

                    @Override
                    public ResultValue snapshot() {
                        return latest.snapshot();
                    }
                }));

        RunOutcome outcome = Waits.outcome(jobs.start("tiny", Parameters.NONE), Duration.ofSeconds(60));

        assertEquals(RunState.SUCCEEDED, outcome.state(), outcome.reason());
        assertEquals(count, outcome.results().size(), "results were dropped");
        for (int i = 0; i < count; i++) {
            assertEquals(new UnitResult(i, "v" + i), outcome.results().get(i));
        }
        // Completion order, not unit order: a worker paused inside one unit may finish it after the others.
        assertTrue(outcome.summary().matches("v\\d+"), outcome.summary());
        assertEquals(lastAccepted.get(), outcome.summary(), "the summary is the latest result to complete");
    }

    @Test
    void runNeverExceedsItsMaxConcurrentUnits() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        register(TestProvider.finite("capped", 40, 1, (unit, ctx) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                TestUnits.compute(Duration.ofMillis(2)); // so that units would overlap if the cap were not kept
            } finally {
                running.decrementAndGet();
            }
            return "done";
        }));

        RunOutcome outcome = Waits.outcome(jobs.start("capped", Parameters.NONE), SHORT);

        assertEquals(RunState.SUCCEEDED, outcome.state(), outcome.reason());
        assertEquals(1, maxRunning.get(), "units executing at once");
    }

    @Test
    void unregisteringAProviderCancelsItsRunsWithTheReason() {
        CountDownLatch started = new CountDownLatch(2);
        ServiceRegistration<WorkProvider> registration = register(new TestProvider("leaving",
                p -> WorkPlan.open(i -> new org.parallelworkbench.core.WorkUnit(i, java.util.Map.of()), 1), (unit, ctx) -> {
                    started.countDown();
                    release.await(); // interrupted by the cancel
                    return "released";
                }));
        RunHandle first = jobs.start("leaving", Parameters.NONE);
        RunHandle second = jobs.start("leaving", Parameters.NONE);
        Waits.await(started, SHORT, "the units never started");

        registration.unregister();

        for (RunHandle run : List.of(first, second)) {
            RunOutcome outcome = Waits.outcome(run, CANCEL_BAR);
            assertEquals(RunState.CANCELED, outcome.state());
            assertEquals("Provider 'leaving' was removed", outcome.reason());
        }
        assertTrue(jobs.providers().stream().noneMatch(p -> p.id().equals("leaving")), "still listed");
        assertThrows(IllegalArgumentException.class, () -> jobs.start("leaving", Parameters.NONE));
    }

    @Test
    void cancelThroughTheJobManagerFamily() {
        Engine engine = ((JobServiceComponent) jobs).engine();
        RunHandle first = jobs.start("ticker", FAST_TICKER);
        RunHandle second = jobs.start("ticker", FAST_TICKER);
        Waits.until(() -> Job.getJobManager().find(engine.family("ticker")).length == 2, SHORT,
                () -> "ticker jobs not found in their family");
        Job job = Job.getJobManager().find(engine.family("ticker"))[0];
        assertTrue(job.isSystem(), "runs are system jobs");
        assertTrue(job.getName().matches("Ticker run #\\d+"), job.getName());

        Job.getJobManager().cancel(engine.family());

        for (RunHandle run : List.of(first, second)) {
            RunOutcome outcome = Waits.outcome(run, CANCEL_BAR);
            assertEquals(RunState.CANCELED, outcome.state());
            assertEquals(RunJob.CANCELED_BY_JOB_MANAGER, outcome.reason());
        }
    }

    @Test
    void thousandRunsStartedAndCancelledLeaveNoThreadsBehind() {
        // Warm up the Jobs worker threads that any use of the engine keeps for a while.
        register(TestProvider.finite("warm", 8, 2, (unit, ctx) -> "w"));
        List<RunHandle> warmUp = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            warmUp.add(jobs.start("warm", Parameters.NONE));
        }
        warmUp.forEach(run -> Waits.outcome(run, SHORT));
        int baseline = ownThreads().size();

        List<RunHandle> runs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            RunHandle run = jobs.start("ticker", FAST_TICKER);
            run.cancel("churn");
            runs.add(run);
        }
        runs.forEach(run -> assertEquals(RunState.CANCELED, Waits.outcome(run, SHORT).state()));

        Waits.until(() -> ownThreads().size() <= baseline + 2, SHORT,
                () -> "threads " + ownThreads().size() + " > baseline " + baseline + " + 2: " + ownThreads());
        long jobManagerThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> JOB_MANAGER_THREAD.matcher(t.getName()).matches()).count();
        assertTrue(jobManagerThreads <= JOB_MANAGER_MAX_THREADS, jobManagerThreads + " Jobs worker threads");
    }

    /** The Jobs API's own pool ("Worker-N"): it grows under a burst and keeps idle threads for 60 s by design. */
    private static final java.util.regex.Pattern JOB_MANAGER_THREAD = java.util.regex.Pattern.compile("Worker-\\d+");
    /** Eclipse's cap for that pool (eclipse.platform#163 was a breach of it). */
    private static final int JOB_MANAGER_MAX_THREADS = 50;

    /** Every live thread except the Jobs API's pool, whose lifetime the engine does not control. */
    private static List<String> ownThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> !JOB_MANAGER_THREAD.matcher(name).matches()).sorted().toList();
    }

    @Test
    void runObserverServicesHearOfEveryRunBeforeItIsScheduledAndAThrowingOneIsOnlyReported() {
        Engine engine = ((JobServiceComponent) jobs).engine();
        int observersBefore = engine.observerCount();
        List<RunHandle> heard = new CopyOnWriteArrayList<>();
        List<RunState> statesWhenHeard = new CopyOnWriteArrayList<>();
        ServiceRegistration<RunObserver> throwing = context.registerService(RunObserver.class, run -> {
            throw new IllegalStateException("observer bug");
        }, null);
        ServiceRegistration<RunObserver> recording = context.registerService(RunObserver.class, run -> {
            heard.add(run);
            statesWhenHeard.add(run.state());
        }, null);
        try {
            register(TestProvider.finite("observed", 3, 1, (unit, ctx) -> "o"));
            Waits.until(() -> engine.observerCount() == observersBefore + 2, SHORT, () -> "observers not bound");

            RunHandle first = jobs.start("observed", Parameters.NONE);
            RunHandle second = jobs.start("observed", Parameters.NONE);

            assertEquals(List.of(first, second), heard, "observers are told on the starting thread");
            assertEquals(List.of(RunState.SCHEDULED, RunState.SCHEDULED), statesWhenHeard);
            assertEquals(RunState.SUCCEEDED, Waits.outcome(first, SHORT).state());
            assertEquals(RunState.SUCCEEDED, Waits.outcome(second, SHORT).state());
            assertTrue(engine.incidents().recent().stream().anyMatch(text -> text.contains("observer bug")),
                    "the throwing observer was not reported");
            recording.unregister();
            Waits.until(() -> engine.observerCount() == observersBefore + 1, SHORT, () -> "observer not unbound");
            Waits.outcome(jobs.start("observed", Parameters.NONE), SHORT);
            assertEquals(2, heard.size(), "an unregistered observer was still told");
        } finally {
            throwing.unregister();
            unregisterQuietly(recording);
        }
    }

    private static void unregisterQuietly(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the test unregistered it
        }
    }

    @Test
    void unknownProviderAndBadParametersThrowFromStart() {
        List<RunHandle> before = jobs.activeRuns();

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> jobs.start("no-such-provider", Parameters.NONE));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> jobs.start("ticker", Parameters.NONE.with("intervalMillis", "0")));

        assertTrue(unknown.getMessage().contains("no-such-provider") && unknown.getMessage().contains("ticker"),
                unknown.getMessage());
        assertTrue(bad.getMessage().contains("intervalMillis"), bad.getMessage());
        assertEquals(before, jobs.activeRuns(), "a rejected start must not leave a run");
    }

    @Test
    void aThrowingSubscriberDoesNotBreakTheRun() {
        CountDownLatch gate = new CountDownLatch(1);
        register(TestProvider.finite("gated", 5, 1, (unit, ctx) -> {
            Waits.await(gate, SHORT, "the test never opened the gate");
            return "u" + unit.index();
        }));
        RunHandle run = jobs.start("gated", Parameters.NONE);
        run.events().subscribe(RunEvent.subscriber(event -> {
            throw new IllegalStateException("subscriber bug");
        }));
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        CountDownLatch heardEnd = new CountDownLatch(1);
        run.events().subscribe(RunEvent.subscriber(event -> {
            seen.add(event);
            if (event instanceof RunEvent.StateChanged changed && changed.state().isFinal()) {
                heardEnd.countDown();
            }
        }));

        gate.countDown();
        RunOutcome outcome = Waits.outcome(run, SHORT);
        Waits.await(heardEnd, SHORT, "the good subscriber never heard the end");
        assertTrue(seen.get(seen.size() - 1) instanceof RunEvent.StateChanged changed && changed.state().isFinal(),
                () -> "the final state change was not the last event: " + seen);

        assertEquals(RunState.SUCCEEDED, outcome.state(), outcome.reason());
        assertEquals(5, outcome.results().size());
        List<String> values = seen.stream().filter(RunEvent.UnitCompleted.class::isInstance)
                .map(e -> ((RunEvent.UnitCompleted) e).result().value()).toList();
        assertEquals(List.of("u0", "u1", "u2", "u3", "u4"), values);
        assertEquals(new RunEvent.StateChanged(run.id(), RunState.SUCCEEDED, ""), seen.get(seen.size() - 1));
    }
}
