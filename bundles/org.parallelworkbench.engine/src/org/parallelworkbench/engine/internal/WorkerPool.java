package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;

/**
 * The engine's workers: a Commons Pool {@link GenericKeyedObjectPool} keyed by {@link WorkerKey}, capped
 * at {@code poolSize} workers in total, each a {@link ThreadWorker} on a daemon thread named
 * {@code pw-worker-<n>}.
 * <p>
 * Threading: all methods are thread-safe. {@link #borrow} waits at most the given time; nothing else
 * blocks except {@link #close}, which waits a bounded time for worker threads to end. No lock of this
 * class is held while calling the pool. Borrowers are a run's Job thread, once per {@link WorkerShift}
 * (not per unit), so the pool's fair lock and its validation on borrow and return cost little.
 * <p>
 * A worker goes back to the pool only after a shift whose units all returned normally; a worker whose
 * unit threw or hung, or whose key was retired, is destroyed instead. There is no evictor thread: idle workers stay
 * until their key is retired or the pool is closed.
 */
final class WorkerPool {

    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());
    static final String THREAD_NAME_PREFIX = "pw-worker-";

    private final GenericKeyedObjectPool<WorkerKey, Worker> pool;
    private final Set<ThreadWorker> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong threadCount = new AtomicLong();
    /** Workers created and not yet destroyed by the pool; never above the pool's own count. */
    private final AtomicInteger owned = new AtomicInteger();

    WorkerPool(int poolSize) {
        GenericKeyedObjectPoolConfig<Worker> config = new GenericKeyedObjectPoolConfig<>();
        config.setMaxTotal(poolSize);
        config.setMaxTotalPerKey(poolSize);
        config.setMaxIdlePerKey(poolSize);
        config.setTimeBetweenEvictionRuns(Duration.ofMillis(-1)); // no evictor thread
        config.setBlockWhenExhausted(true);
        config.setFairness(true);
        config.setTestOnReturn(true);
        config.setTestOnBorrow(true);
        config.setJmxEnabled(false); // no MBean that outlives the bundle
        pool = new GenericKeyedObjectPool<>(new Factory(), config);
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
        LOG.log(Level.INFO, "Worker pool resized to " + poolSize);
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
            pool.returnObject(key, worker);
        }
    }

    /** Destroys a borrowed worker (its unit threw or hangs); never blocks on the worker. */
    void invalidate(WorkerKey key, Worker worker) {
        try {
            pool.invalidateObject(key, worker);
        } catch (Exception e) {
            worker.destroy();
            LOG.log(Level.WARNING, "Could not invalidate worker " + worker.name() + ": " + e, e);
        }
    }

    /** The provider of this key is gone: destroys its idle workers now and the busy ones when given back. */
    void retire(WorkerKey key) {
        key.retire();
        pool.clear(key);
    }

    /** Worker threads not yet ended, for tests and reports. */
    List<Thread> liveThreads() {
        return live.stream().map(ThreadWorker::thread).filter(Thread::isAlive).toList();
    }

    /**
     * Closes the pool and destroys every worker, then waits up to {@code waitMillis} for their threads
     * to end; threads still stuck in a unit are reported and left to end on their own.
     */
    void close(long waitMillis) {
        pool.close();
        live.forEach(ThreadWorker::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        for (ThreadWorker worker : List.copyOf(live)) {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                worker.thread().join(Math.max(1, remainingMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (worker.thread().isAlive()) {
                LOG.log(Level.WARNING, "Worker still running a unit after close, left to end on its own: "
                        + worker.describe());
            }
        }
    }

    private final class Factory extends BaseKeyedPooledObjectFactory<WorkerKey, Worker> {

        @Override
        public Worker create(WorkerKey key) {
            if (key.isRetired()) {
                throw new IllegalStateException("Provider '" + key.providerId() + "' was removed");
            }
            ThreadWorker worker = new ThreadWorker(THREAD_NAME_PREFIX + threadCount.incrementAndGet(),
                    key.stateFactory(), live::remove);
            live.add(worker);
            worker.start();
            owned.incrementAndGet();
            return worker;
        }

        @Override
        public PooledObject<Worker> wrap(Worker worker) {
            return new DefaultPooledObject<>(worker);
        }

        @Override
        public boolean validateObject(WorkerKey key, PooledObject<Worker> pooled) {
            return !key.isRetired() && pooled.getObject().isReady() && pooled.getObject().stateIsValid();
        }

        @Override
        public void destroyObject(WorkerKey key, PooledObject<Worker> pooled) {
            owned.decrementAndGet();
            pooled.getObject().destroy();
        }
    }
}
