package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.JobGroup;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunObserver;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkerStateFactory;
import org.parallelworkbench.engine.remote.BatchAnswer;
import org.parallelworkbench.engine.remote.LocalUnits;
import org.parallelworkbench.engine.remote.RemoteMember;
import org.parallelworkbench.engine.remote.RemoteUnits;
import org.parallelworkbench.engine.remote.UnitBatch;

/**
 * The {@link JobService}: installed providers, active runs, the worker pool and the event executor of one
 * engine life, from construction to {@link #close()}. Plain Java, so tests can build one with any
 * {@link EngineSettings}; {@link JobServiceComponent} is its DS face.
 * <p>
 * Threading: every method is thread-safe. {@link #lock} guards the provider list, the active runs,
 * {@link #closed} and the settings with the job group that follows them; it is never held while calling a
 * provider, an observer, a run or the Jobs API. Only {@link #close()} waits (bounded by
 * {@link EngineSettings#CLOSE_WAIT_MILLIS} twice).
 * <p>
 * Settings change at runtime through {@link #update}: the pool is resized at once, and new runs get the
 * new borrow time-out and a job group with the new run limit; active runs go on as they are.
 * <p>
 * {@link RunObserver}s are told of each run on the starting thread before it is scheduled. Observer and
 * subscriber calls are timed by the {@link ObserverWatchdog}; what misbehaves (an observer that throws or
 * blocks, a unit that ignores a stop) is logged and kept in {@link #incidents()}.
 */
final class Engine implements JobService {

    private static final System.Logger LOG = System.getLogger(Engine.class.getName());
    static final String ENGINE_STOPPED = "The engine was stopped";
    /** Threads delivering events; a subscriber that blocks holds one of them, never a worker. */
    private static final int MAX_EVENT_THREADS = 8;
    private static final long EVENT_THREAD_KEEP_ALIVE_MILLIS = 1_000;
    /** Slots on members cost a member nothing while idle, but forgetting them lets a changed cluster rebalance. */
    static final long CLUSTER_SLOT_IDLE_MILLIS = 60_000;
    private static final int MAX_FOREIGN_RUNS_REMEMBERED = 256;

    /**
     * One bound provider service, with a worker key for each place its units can execute.
     *
     * @param origin where the provider comes from and what a worker process of it starts
     */
    private record Binding(WorkProvider provider, ProviderInfo info, WorkerKey threadKey, WorkerKey processKey,
            WorkerKey clusterKey, ProviderOrigin origin) {

        boolean owns(WorkerKey key) {
            return key == threadKey || key == processKey || key == clusterKey;
        }

        WorkerKey key(ExecutionTarget target) {
            return switch (target) {
            case PROCESSES -> processKey;
            case CLUSTER -> clusterKey;
            default -> threadKey;
            };
        }
    }

    /** The cluster this engine sends units to, while a {@link RemoteUnits} service is bound. */
    private record Cluster(RemoteUnits remote, ClusterWorkers workers, WorkerPool pool) {
    }

    private final WorkerPool pool;
    /** Null when worker processes cannot start here; {@link #processesUnavailable} says why. */
    private final WorkerPool processPool;
    private final String processesUnavailable;
    /** Null while no cluster is bound; replaced, never changed. */
    private volatile Cluster cluster;
    private final AtomicLong batchNumbers = new AtomicLong();
    /** Runs of other engines this one executed batches of lately, so each is logged once; guarded by itself. */
    private final Map<String, Boolean> foreignRuns = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_FOREIGN_RUNS_REMEMBERED;
        }
    };
    private final ThreadPoolExecutor eventExecutor;
    private final Incidents incidents = new Incidents();
    private final ObserverWatchdog watchdog = new ObserverWatchdog(incidents);
    private final RunIds runIds = new RunIds(System.currentTimeMillis());
    /** Copy-on-write: starts iterate without the lock, and observers come and go rarely. */
    private final List<RunObserver> observers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    /** Guarded by lock; in binding order, the first binding of an id wins. */
    private final List<Binding> providers = new ArrayList<>();
    /** Guarded by lock; oldest first. */
    private final Map<String, Run> active = new LinkedHashMap<>();
    /** Guarded by lock. */
    private boolean closed;
    /** Guarded by lock. */
    private EngineSettings settings;
    /** Guarded by lock; new runs join this group, replaced when maxConcurrentRuns changes. */
    private JobGroup group;

    /** An engine that runs units on threads only, e.g. in a runtime without the product's launcher. */
    Engine(EngineSettings settings) {
        this(settings, null, "Worker processes are not available in this runtime");
    }

    /**
     * @param launcher             starts worker processes, or null when they cannot start here
     * @param processesUnavailable why runs cannot execute on processes, when {@code launcher} is null
     */
    Engine(EngineSettings settings, WorkerProcessLauncher launcher, String processesUnavailable) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pool = new WorkerPool(settings.poolSize());
        this.processPool = launcher == null ? null : new WorkerPool(settings.processes().maxProcesses(),
                new ProcessWorkers(launcher, () -> settings().processes()), settings.processes().idleMillis());
        this.processesUnavailable = launcher == null ? processesUnavailable : "";
        this.group = newGroup(settings.maxConcurrentRuns());
        AtomicLong eventThreads = new AtomicLong();
        this.eventExecutor = new ThreadPoolExecutor(MAX_EVENT_THREADS, MAX_EVENT_THREADS,
                EVENT_THREAD_KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "pw-events-" + eventThreads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        eventExecutor.allowCoreThreadTimeOut(true);
        LOG.log(Level.INFO, "Engine started: " + settings);
    }

    private static JobGroup newGroup(int maxConcurrentRuns) {
        return new JobGroup("Parallel Workbench runs", maxConcurrentRuns, 0) {
            @Override
            protected boolean shouldCancel(IStatus lastCompletedJobResult, int failedJobs, int canceledJobs) {
                return false; // runs are independent
            }
        };
    }

    /** Applies new settings without touching active runs (see the class comment). */
    void update(EngineSettings newSettings) {
        Objects.requireNonNull(newSettings, "settings");
        EngineSettings old;
        synchronized (lock) {
            old = settings;
            settings = newSettings;
            if (old.maxConcurrentRuns() != newSettings.maxConcurrentRuns()) {
                group = newGroup(newSettings.maxConcurrentRuns());
            }
        }
        if (old.poolSize() != newSettings.poolSize()) {
            pool.resize(newSettings.poolSize());
        }
        if (processPool != null && old.processes().maxProcesses() != newSettings.processes().maxProcesses()) {
            processPool.resize(newSettings.processes().maxProcesses());
        }
        if (processPool != null && old.processes().idleMillis() != newSettings.processes().idleMillis()) {
            processPool.evictIdleAfter(newSettings.processes().idleMillis());
        }
        if (!old.equals(newSettings)) {
            LOG.log(Level.INFO, "Engine settings changed: " + newSettings.changesFrom(old));
        }
    }

    EngineSettings settings() {
        synchronized (lock) {
            return settings;
        }
    }

    void addObserver(RunObserver observer) {
        observers.add(observer);
    }

    void removeObserver(RunObserver observer) {
        observers.remove(observer);
    }

    int observerCount() {
        return observers.size();
    }

    void addProvider(WorkProvider provider) {
        addProvider(provider, ProviderOrigin.UNKNOWN);
    }

    /** @param origin where the provider comes from: for the log, the default target and worker processes */
    void addProvider(WorkProvider provider, ProviderOrigin origin) {
        ProviderInfo info;
        WorkerStateFactory<?> stateFactory;
        try {
            info = Objects.requireNonNull(provider.info(), "info()");
            stateFactory = provider.workerStateFactory();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Ignoring provider " + provider + ": its info() or workerStateFactory() failed: " + e, e);
            return;
        }
        Binding binding = new Binding(provider, info, new WorkerKey(info.id(), provider::execute, stateFactory),
                WorkerKey.forProcesses(info.id(), info.version(), origin.bundleLocations()),
                WorkerKey.forCluster(info.id(), info.version()), origin);
        synchronized (lock) {
            Binding first = find(info.id());
            if (first != null) {
                LOG.log(Level.WARNING, "Provider '" + info.id() + "' " + info.version() + " is installed twice"
                        + (origin.description().isEmpty() ? "" : ", now from " + origin.description())
                        + (first.origin().description().isEmpty() ? "" : ", first from " + first.origin().description())
                        + "; the first one stays in use");
            }
            providers.add(binding);
        }
        LOG.log(Level.INFO, "Provider added: '" + info.id() + "' " + info.version());
    }

    /** Cancels the provider's runs with a reason naming it and retires its workers. */
    void removeProvider(WorkProvider provider) {
        Binding binding = null;
        List<Run> runs = new ArrayList<>();
        synchronized (lock) {
            for (Binding candidate : providers) {
                if (candidate.provider() == provider) {
                    binding = candidate;
                }
            }
            if (binding == null) {
                return;
            }
            providers.remove(binding);
            for (Run run : active.values()) {
                if (binding.owns(run.workerKey())) {
                    runs.add(run);
                }
            }
        }
        String reason = "Provider '" + binding.info().id() + "' was removed";
        LOG.log(Level.INFO, reason + (runs.isEmpty() ? "" : "; canceling " + runs.size() + " runs"));
        runs.forEach(run -> run.cancel(reason));
        pool.retire(binding.threadKey());
        if (processPool != null) {
            processPool.retire(binding.processKey()); // the processes running the old version end
        }
        Cluster now = cluster;
        if (now != null) {
            now.pool().retire(binding.clusterKey());
        }
    }

    /**
     * A cluster to send units to: runs on {@link ExecutionTarget#CLUSTER} are possible from now on. Nothing is
     * joined before the first such run, or {@link #clusterMembers()}.
     */
    void setCluster(RemoteUnits remote) {
        Objects.requireNonNull(remote, "remote");
        WorkerPool[] pool = new WorkerPool[1];
        ClusterWorkers workers = new ClusterWorkers(remote, () -> settings().borrowTimeoutMillis(),
                size -> pool[0].resize(size));
        pool[0] = new WorkerPool(1, workers, CLUSTER_SLOT_IDLE_MILLIS);
        Cluster old;
        boolean taken;
        synchronized (lock) {
            old = cluster;
            taken = !closed;
            cluster = taken ? new Cluster(remote, workers, pool[0]) : null;
        }
        if (old != null) {
            dropCluster(old, "The engine's cluster was replaced");
        }
        if (!taken) {
            pool[0].close(0);
        }
    }

    /** The cluster went away: its runs are cancelled with this reason. */
    void unsetCluster(RemoteUnits remote) {
        Cluster old;
        synchronized (lock) {
            old = cluster;
            if (old == null || old.remote() != remote) {
                return;
            }
            cluster = null;
        }
        dropCluster(old, "The connection to the cluster was closed");
    }

    private void dropCluster(Cluster old, String reason) {
        List<Run> runs = activeRuns().stream().map(Run.class::cast).filter(run -> run.target() == ExecutionTarget.CLUSTER).toList();
        runs.forEach(run -> run.cancel(reason));
        old.pool().close(EngineSettings.CLOSE_WAIT_MILLIS);
    }

    /**
     * The cluster's members reachable now, joining the cluster first if this engine has not yet; empty without a
     * cluster.
     */
    List<RemoteMember> clusterMembers() {
        Cluster now = cluster;
        return now == null ? List.of() : now.workers().members();
    }

    /** Why runs cannot go to the cluster now, or "" if they can (members may still be missing). */
    String clusterUnavailable() {
        return cluster == null ? "the cluster bundle is not running" : "";
    }

    @Override
    public List<ProviderInfo> providers() {
        synchronized (lock) {
            return providers.stream().map(Binding::info).filter(info -> find(info.id()).info() == info)
                    .sorted(Comparator.comparing(ProviderInfo::name).thenComparing(ProviderInfo::id)).toList();
        }
    }

    /**
     * Plans the run on the caller's thread (so bad parameters throw here) and schedules its job.
     *
     * @throws IllegalArgumentException unknown provider, or the provider rejected the parameters
     * @throws IllegalStateException    the engine is closed, or the provider failed to plan
     */
    @Override
    public List<ParameterProblem> validate(String providerId, Parameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        return validate(binding(providerId), parameters);
    }

    private static List<ParameterProblem> validate(Binding binding, Parameters parameters) {
        try {
            return List.copyOf(binding.provider().validate(parameters));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Provider '" + binding.info().id() + "' failed to validate " + parameters, e);
            return List.of(new ParameterProblem("*", "the provider could not check the parameters: " + e));
        }
    }

    private Binding binding(String providerId) {
        Objects.requireNonNull(providerId, "providerId");
        synchronized (lock) {
            checkOpen();
            Binding binding = find(providerId);
            if (binding == null) {
                throw new IllegalArgumentException("No provider with id '" + providerId + "'; installed: "
                        + providers.stream().map(b -> b.info().id()).distinct().sorted().toList());
            }
            return binding;
        }
    }

    @Override
    public RunHandle start(String providerId, Parameters requested, RunOptions options) {
        Objects.requireNonNull(requested, "parameters");
        Objects.requireNonNull(options, "options");
        Binding binding = binding(providerId);
        List<ParameterProblem> problems = validate(binding, requested);
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(providerId, problems);
        }
        Parameters parameters = ParameterDescriptor.withDefaults(binding.info().parameters(), requested);
        WorkPlan plan = ask(binding, "plan the run", "plan", provider -> provider.plan(parameters));
        ResultAccumulator accumulator = ask(binding, "create its accumulator", "accumulator",
                provider -> provider.accumulator(parameters));
        long number = runIds.nextNumber();
        String id = runIds.id(number);
        String name = binding.info().name() + " run #" + number;
        EngineSettings runSettings;
        JobGroup runGroup;
        synchronized (lock) {
            runSettings = settings;
            runGroup = group;
        }
        Cluster runCluster = cluster;
        ExecutionTarget target = target(binding, options.target(), runSettings, runCluster);
        Run run = new Run(id, name, binding.info(), parameters, binding.key(target), options, target,
                UnitDispatcher.unitsTotal(plan), accumulator,
                new Run.Services(eventExecutor, incidents, watchdog, this::finished, Level.INFO));
        UnitDispatcher dispatcher = new UnitDispatcher(run, plan, pool(target, runCluster),
                runSettings.borrowTimeoutMillis(), EngineSettings.UNIT_STOP_GRACE_MILLIS, incidents);
        RunJob job = new RunJob(name, run, dispatcher, this, runGroup);
        run.onStop(() -> {
            dispatcher.wake();
            job.cancel(); // ends a waiting job at once; a running one stops through the dispatcher
        });
        synchronized (lock) {
            checkOpen();
            if (!providers.contains(binding)) {
                throw new IllegalArgumentException("Provider '" + providerId + "' was removed");
            }
            active.put(id, run);
        }
        tellObservers(run);
        job.schedule();
        return run;
    }

    private WorkerPool pool(ExecutionTarget target, Cluster runCluster) {
        return switch (target) {
        case PROCESSES -> processPool;
        case CLUSTER -> runCluster.pool();
        default -> pool;
        };
    }

    /**
     * Where a run's units execute: the requested target; for AUTO, processes if the provider prefers isolation,
     * else the configured default for its kind of bundle, falling back to threads where processes cannot start or
     * there is no cluster.
     *
     * @throws IllegalArgumentException if processes or the cluster were asked for and are not available, saying why
     */
    private ExecutionTarget target(Binding binding, ExecutionTarget requested, EngineSettings runSettings,
            Cluster runCluster) {
        if (requested == ExecutionTarget.PROCESSES && processPool == null) {
            throw new IllegalArgumentException("Provider '" + binding.info().id() + "' cannot run on processes: "
                    + processesUnavailable);
        }
        if (requested == ExecutionTarget.CLUSTER && runCluster == null) {
            throw new IllegalArgumentException("Provider '" + binding.info().id() + "' cannot run on the cluster: "
                    + clusterUnavailable());
        }
        if (requested != ExecutionTarget.AUTO) {
            return requested;
        }
        ExecutionTarget chosen = prefersIsolation(binding) ? ExecutionTarget.PROCESSES
                : binding.origin().shipped() ? runSettings.shippedTarget() : runSettings.dropinTarget();
        return chosen == ExecutionTarget.PROCESSES && processPool == null
                || chosen == ExecutionTarget.CLUSTER && runCluster == null ? ExecutionTarget.THREADS : chosen;
    }

    /** How many units this engine executes at once, for another engine sending it batches. */
    int capacity() {
        return settings().poolSize();
    }

    /**
     * Executes a batch of another engine's run, as a cluster member: through this engine's workers, where a run
     * of the provider left to the engine would execute (never the cluster again), on the calling thread; see
     * {@link LocalUnits#execute}. The batch is not one of this engine's runs: no observer hears of it.
     */
    BatchAnswer executeBatch(UnitBatch batch) throws InterruptedException {
        Binding binding = binding(batch.providerId());
        if (!binding.info().version().equals(batch.providerVersion())) {
            throw new IllegalArgumentException("Provider '" + batch.providerId() + "' " + batch.providerVersion()
                    + " is not installed here; this engine has " + binding.info().version());
        }
        EngineSettings now = settings();
        ExecutionTarget target = target(binding, ExecutionTarget.AUTO, now, null);
        boolean firstOfRun;
        synchronized (foreignRuns) {
            firstOfRun = foreignRuns.put(batch.runId(), Boolean.TRUE) == null;
        }
        if (firstOfRun) {
            LOG.log(Level.INFO, "Executing units of run " + batch.runId() + " of another engine: provider '"
                    + batch.providerId() + "' " + batch.providerVersion() + " on " + target.label().toLowerCase(Locale.ROOT));
        }
        Run run = new Run("batch-" + batchNumbers.incrementAndGet(), binding.info().name() + " units of run "
                + batch.runId(), binding.info(), Parameters.NONE, binding.key(target), new RunOptions(0, target), target,
                batch.units().size(), ResultAccumulator.latestValue(),
                new Run.Services(eventExecutor, incidents, watchdog, finished -> {
                }, Level.DEBUG));
        UnitDispatcher dispatcher = new UnitDispatcher(run, WorkPlan.of(batch.units(), 1), pool(target, null),
                now.borrowTimeoutMillis(), EngineSettings.UNIT_STOP_GRACE_MILLIS, incidents, false);
        return BatchAnswers.of(batch, run, dispatcher);
    }

    private static boolean prefersIsolation(Binding binding) {
        try {
            return binding.provider().prefersIsolation();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Provider '" + binding.info().id() + "' failed to say whether it prefers isolation", e);
            return true;
        }
    }

    /** Each observer hears of the run before it is scheduled; one that throws or blocks is reported. */
    private void tellObservers(Run run) {
        for (RunObserver observer : observers) {
            ObserverWatchdog.Call call = watchdog.enter("run observer " + observer);
            try {
                observer.runStarted(run);
            } catch (RuntimeException | LinkageError e) {
                incidents.report("Run observer " + observer + " threw on " + run + ": " + e, e);
            } finally {
                watchdog.exit(call);
            }
        }
    }

    /**
     * Calls the provider for one part of starting a run; its IllegalArgumentException (rejected parameters)
     * passes through, anything else it throws and a null answer become an IllegalStateException.
     */
    private static <T> T ask(Binding binding, String task, String answer, Function<WorkProvider, T> question) {
        T result;
        try {
            result = question.apply(binding.provider());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("Provider '" + binding.info().id() + "' failed to " + task + ": "
                    + UnitDispatcher.message(e), e);
        }
        if (result == null) {
            throw new IllegalStateException("Provider '" + binding.info().id() + "' returned no " + answer);
        }
        return result;
    }

    @Override
    public List<RunHandle> activeRuns() {
        synchronized (lock) {
            return List.copyOf(active.values());
        }
    }

    @Override
    public void cancelAll(String reason) {
        activeRuns().forEach(run -> run.cancel(reason));
    }

    /** The job family of all this engine's runs. */
    Object family() {
        return new RunJob.Family(this, null);
    }

    /** The job family of this engine's runs of one provider. */
    Object family(String providerId) {
        return new RunJob.Family(this, Objects.requireNonNull(providerId, "providerId"));
    }

    WorkerPool pool() {
        return pool;
    }

    /** The worker-process pool, or null when processes cannot start here. */
    WorkerPool processPool() {
        return processPool;
    }

    Incidents incidents() {
        return incidents;
    }

    /**
     * Cancels every run, waits for them to end, closes the pool and stops all engine threads, each wait
     * bounded; threads stuck in a unit are reported and left to end on their own. Idempotent.
     */
    void close() {
        List<Run> runs;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            runs = List.copyOf(active.values());
        }
        runs.forEach(run -> run.cancel(ENGINE_STOPPED));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EngineSettings.CLOSE_WAIT_MILLIS);
        try {
            for (Run run : runs) {
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!run.awaitFinal(Math.max(1, remainingMillis))) {
                    LOG.log(Level.WARNING, run + " did not end within " + EngineSettings.CLOSE_WAIT_MILLIS + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close(EngineSettings.CLOSE_WAIT_MILLIS);
        Cluster last = cluster;
        cluster = null;
        if (last != null) {
            last.pool().close(EngineSettings.CLOSE_WAIT_MILLIS);
        }
        if (processPool != null) {
            processPool.close(EngineSettings.CLOSE_WAIT_MILLIS);
        }
        watchdog.close();
        eventExecutor.shutdown(); // lets queued outcome completions run, then the threads end
        LOG.log(Level.INFO, "Engine stopped");
    }

    private void finished(Run run) {
        synchronized (lock) {
            active.remove(run.id());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(ENGINE_STOPPED);
        }
    }

    /** Guarded by lock. */
    private Binding find(String providerId) {
        for (Binding binding : providers) {
            if (binding.info().id().equals(providerId)) {
                return binding;
            }
        }
        return null;
    }
}
