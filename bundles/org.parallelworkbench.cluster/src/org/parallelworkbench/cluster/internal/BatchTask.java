package org.parallelworkbench.cluster.internal;

import java.util.Objects;
import java.util.concurrent.Callable;

import org.parallelworkbench.engine.remote.BatchAnswer;
import org.parallelworkbench.engine.remote.LocalUnits;
import org.parallelworkbench.engine.remote.UnitBatch;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

/**
 * A batch as a task of the members' executor: only the batch's data crosses; on the member it executes through the
 * local engine, which the member put in its instance's user context (not a static, so that several members may
 * share one JVM, as tests do). Serialized by {@link PlainData.BatchTaskSerializer}.
 */
final class BatchTask implements Callable<BatchAnswer>, HazelcastInstanceAware {

    /** The user-context key under which a member keeps its engine's {@link LocalUnits}. */
    static final String LOCAL_UNITS = LocalUnits.class.getName();

    private final UnitBatch batch;
    /** Set by Hazelcast on the member, after the task is read. */
    private volatile HazelcastInstance instance;

    BatchTask(UnitBatch batch) {
        this.batch = Objects.requireNonNull(batch, "batch");
    }

    UnitBatch batch() {
        return batch;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.instance = instance;
    }

    /** Interrupting the executing thread (a cancelled future) cancels the batch: LocalUnits then throws. */
    @Override
    public BatchAnswer call() throws InterruptedException {
        HazelcastInstance member = instance;
        Object units = member == null ? null : member.getUserContext().get(LOCAL_UNITS);
        if (!(units instanceof LocalUnits local)) {
            throw new IllegalStateException("This cluster member executes no units: it was not started by a"
                    + " Parallel Workbench engine");
        }
        return local.execute(batch);
    }
}
