package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;

/**
 * Workers of one kind (threads, processes or cluster slots, made by a {@link WorkerFactory}): a Commons Pool
 * {@link GenericKeyedObjectPool} keyed by {@link WorkerKey}, capped at {@code poolSize} workers in total.
 * <p>
 * Threading: all methods are thread-safe. {@link #borrow} waits at most the given time; nothing else
 * blocks except {@link #close}, which waits a bounded time for worker threads to end. No lock of this
 * class is held while calling the pool. Borrowers are a run's Job thread, once per {@link WorkerShift}
 * (not per unit), so the pool's fair lock and its validation on borrow and return cost little.
 * <p>
 * A worker goes back to the pool only after a shift whose units all returned normally; a worker whose
 * unit threw or hung, or whose key was retired, is destroyed instead. Without an idle time-out there is no evictor
 * thread: idle workers stay until their key is retired or the pool is closed; with one (worker processes), Commons
 * Pool's shared evictor destroys workers idle for longer.
 */
final class WorkerPool {

    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());
    /** How often the evictor looks for idle workers, at most; see {@link #evictIdleAfter}. */
    private static final long MAX_EVICTION_PERIOD_MILLIS = 5_000;
    private static final long BORROWER_KEEP_ALIVE_MILLIS = 1_000;
    /** How Commons Pool says that a worker it has just made failed validation. */
    private static final String NEW_WORKER_UNFIT = "Unable to validate object";

    private final GenericKeyedObjectPool<WorkerKey, Worker> pool;
    private final WorkerFactory workers;
    /** Threads of {@link #borrowInBackground}, ending when idle; null for workers made quickly. */
    private final ExecutorService borrowers;
    /** Workers created and not yet destroyed by the pool; never above the pool's own count. */
    private final AtomicInteger owned = new AtomicInteger();

    /** A pool of threads, with no idle time-out. */
    WorkerPool(int poolSize) {
        this(poolSize, new ThreadWorkers(), 0);
    }

    /** @param idleMillis how long a worker may stay idle before it is destroyed; 0 = for ever */
    WorkerPool(int poolSize, WorkerFactory workers, long idleMillis) {
        this.workers = workers;
        this.borrowers = !workers.startsSlowly() ? null : new ThreadPoolExecutor(0, Integer.MAX_VALUE,
                BORROWER_KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().daemon().name("pw-" + workers.kind() + "-borrower-", 1).factory());
        GenericKeyedObjectPoolConfig<Worker> config = new GenericKeyedObjectPoolConfig<>();
        config.setMaxTotal(poolSize);
        config.setMaxTotalPerKey(poolSize);
        config.setMaxIdlePerKey(poolSize);
        config.setTimeBetweenEvictionRuns(Duration.ofMillis(-1)); // no evictor thread unless evictIdleAfter
        config.setNumTestsPerEvictionRun(Integer.MAX_VALUE);
        config.setBlockWhenExhausted(true);
        config.setFairness(true);
        config.setTestOnReturn(true);
        config.setTestOnBorrow(true);
        config.setJmxEnabled(false); // no MBean that outlives the bundle
        pool = new GenericKeyedObjectPool<>(new Factory(), config);
        evictIdleAfter(idleMillis);
    }

    /** Destroys workers idle for this long from now on, checked by Commons Pool's evictor; 0 = never. */
    void evictIdleAfter(long idleMillis) {
        if (idleMillis <= 0) {
            pool.setTimeBetweenEvictionRuns(Duration.ofMillis(-1));
            return;
        }
        pool.setMinEvictableIdleDuration(Duration.ofMillis(idleMillis));
        pool.setTimeBetweenEvictionRuns(Duration.ofMillis(Math.clamp(idleMillis / 4, 1, MAX_EVICTION_PERIOD_MILLIS)));
    }

    /** Whether making a worker takes long (a process starts), so borrowers should not wait for it on their thread. */
    boolean startsSlowly() {
        return workers.startsSlowly();
    }

    /** How many more workers could be borrowed now without waiting: none while a borrower waits. */
    int room() {
        return pool.getNumWaiters() > 0 ? 0 : Math.max(0, pool.getMaxTotal() - pool.getNumActive());
    }

    /**
     * {@link #borrow} on a thread of this pool's, for workers that start slowly: the caller goes on with its own
     * work and checks the future. Completes with null when no worker became free in time, exceptionally with
     * what the pool or the factory threw. Only for a pool that {@link #startsSlowly()}.
     */
    CompletableFuture<Worker> borrowInBackground(WorkerKey key, Duration maxWait) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return borrow(key, maxWait);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, borrowers);
    }

    /** See {@link WorkerFactory#waitingFor}. */
    String waitingFor(WorkerKey key) {
        return workers.waitingFor(key);
    }

    /** True while a borrower waits for a worker of this pool, so a busy one should come back soon. */
    boolean hasWaiters() {
        return pool.getNumWaiters() > 0;
    }

    /**
     * Borrows a worker for this key, waiting at most {@code maxWait}.
     *
     * @return the worker, or null if none became free in time
     * @throws Exception what the pool or the worker factory threw (the pool is closed, creation failed)
     */
    Worker borrow(WorkerKey key, Duration maxWait) throws Exception {
        try {
            return pool.borrowObject(key, maxWait);
        } catch (NoSuchElementException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Timeout")) {
                return null;
            }
            if (e.getMessage() != null && e.getMessage().startsWith(NEW_WORKER_UNFIT)) {
                // A worker made just now stopped fitting before it was handed out (a cluster member left in
                // between): once more, not in a loop, since a worker that always dies at once must fail the run.
                LOG.log(Level.INFO, "A new " + workers.kind() + " was unfit at once; making another");
                return pool.borrowObject(key, maxWait);
            }
            throw e;
        }
    }

    /**
     * Borrows a worker only if that cannot wait: one is idle or can be made (the pool makes room by
     * destroying another key's idle worker), and no other borrower is waiting, who is served first.
     * Asking first keeps the pool's time-out exception off this path, except when another borrower
     * takes the last worker between the check and the borrow.
     *
     * @return the worker, or null if none is free for this borrower now
     * @throws Exception what the pool or the worker factory threw (the pool is closed, creation failed)
     */
    Worker borrowIfFree(WorkerKey key) throws Exception {
        if (pool.getNumActive() >= pool.getMaxTotal() || pool.getNumWaiters() > 0) {
            return null;
        }
        return borrow(key, Duration.ZERO);
    }

    /**
     * Changes the cap on workers for borrows from now on. Busy workers beyond a smaller cap finish their
     * units and are destroyed when given back rather than kept idle.
     */
    void resize(int poolSize) {
        pool.setMaxTotal(poolSize);
        pool.setMaxTotalPerKey(poolSize);
        pool.setMaxIdlePerKey(poolSize);
        LOG.log(Level.INFO, "Worker pool (" + workers.kind() + "s) resized to " + poolSize);
    }

    /** The current cap on workers. */
    int size() {
        return pool.getMaxTotal();
    }

    /** Workers the pool owns now, busy and idle; abandoned (stuck) workers are no longer counted. */
    int workersCounted() {
        return owned.get();
    }

    /** Returns a worker after a unit that returned normally; destroys it if it cannot be reused. */
    void giveBack(WorkerKey key, Worker worker) {
        if (key.isRetired() || !worker.isReady()) {
            invalidate(key, worker);
        } else {
            offThisThread(() -> pool.returnObject(key, worker));
        }
    }

    /** Destroys a borrowed worker (its unit threw or hangs); never blocks on the worker. */
    void invalidate(WorkerKey key, Worker worker) {
        offThisThread(() -> {
            try {
                pool.invalidateObject(key, worker);
            } catch (Exception e) {
                worker.destroy();
                LOG.log(Level.WARNING, "Could not invalidate worker " + worker.name() + ": " + e, e);
            }
        });
    }

    /**
     * Runs a return or an invalidation, on this thread for workers made quickly, else on a thread of the pool's:
     * Commons Pool hands the freed capacity to a waiting borrower by making its worker in the returning thread,
     * and a run's thread must not wait for a JVM to start.
     */
    private void offThisThread(Runnable change) {
        if (!workers.startsSlowly()) {
            change.run();
            return;
        }
        try {
            borrowers.execute(change);
        } catch (RejectedExecutionException e) {
            change.run(); // closing: the pool destroys instead of creating
        }
    }

    /** The provider of this key is gone: destroys its idle workers now and the busy ones when given back. */
    void retire(WorkerKey key) {
        key.retire();
        pool.clear(key);
    }

    /** Worker threads not yet ended, for tests and reports. */
    List<Thread> liveThreads() {
        return workers.liveThreads();
    }

    /**
     * Closes the pool and destroys every worker, then waits up to {@code waitMillis} for them to end; workers
     * still stuck in a unit are reported and left to end on their own.
     */
    void close(long waitMillis) {
        pool.close(); // releases background borrowers waiting in the pool
        if (borrowers != null) {
            borrowers.shutdown();
        }
        workers.awaitEnd(waitMillis);
    }

    private final class Factory extends BaseKeyedPooledObjectFactory<WorkerKey, Worker> {

        @Override
        public Worker create(WorkerKey key) throws Exception {
            if (key.isRetired()) {
                throw new IllegalStateException("Provider '" + key.providerId() + "' was removed");
            }
            Worker worker = workers.create(key);
            owned.incrementAndGet();
            return worker;
        }

        @Override
        public PooledObject<Worker> wrap(Worker worker) {
            return new DefaultPooledObject<>(worker);
        }

        @Override
        public boolean validateObject(WorkerKey key, PooledObject<Worker> pooled) {
            Worker worker = pooled.getObject();
            return !key.isRetired() && worker.isReady() && worker.stateIsValid() && workers.fits(key, worker);
        }

        @Override
        public void destroyObject(WorkerKey key, PooledObject<Worker> pooled) {
            owned.decrementAndGet();
            workers.destroyed(pooled.getObject());
        }
    }
}
