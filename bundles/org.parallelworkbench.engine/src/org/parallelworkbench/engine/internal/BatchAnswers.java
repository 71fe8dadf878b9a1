package org.parallelworkbench.engine.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.engine.remote.BatchAnswer;
import org.parallelworkbench.engine.remote.UnitBatch;
import org.parallelworkbench.engine.remote.UnitFailure;

/**
 * Drives a batch of another engine's run on the calling thread and words the answer: the results in the batch's
 * order, up to the unit that failed, and that unit's failure as text (the other engine retries or fails its run).
 */
final class BatchAnswers {

    private static final System.Logger LOG = System.getLogger(BatchAnswers.class.getName());

    /** What a unit's failure is called when its worker (a process) died instead of throwing. */
    static final String WORKER_DIED = "WorkerDied";

    private BatchAnswers() {
    }

    /**
     * @throws InterruptedException  if the calling thread was interrupted: the batch was cancelled
     * @throws IllegalStateException if the batch failed for another reason than one of its units (no worker came)
     */
    static BatchAnswer of(UnitBatch batch, Run run, UnitDispatcher dispatcher) throws InterruptedException {
        List<UnitResult> results = List.of();
        if (run.begin()) {
            results = dispatcher.drive();
        }
        run.finish(results, dispatcher.unitsCompleted());
        if (Thread.interrupted()) {
            String cancelled = "The batch of " + batch.units().size() + " units of run " + batch.runId() + " was cancelled";
            LOG.log(Level.INFO, cancelled + " after " + dispatcher.unitsCompleted() + " units");
            throw new InterruptedException(cancelled);
        }
        Run.FailedUnit failed = run.failedUnit();
        if (run.state() == RunState.FAILED && failed == null) {
            throw new IllegalStateException(run.stopReason());
        }
        Map<Long, UnitResult> byIndex = new HashMap<>();
        results.forEach(result -> byIndex.put(result.unitIndex(), result));
        List<UnitResult> inOrder = new ArrayList<>(results.size());
        for (WorkUnit unit : batch.units()) {
            UnitResult result = byIndex.get(unit.index());
            if (result == null) {
                break;
            }
            inOrder.add(result);
        }
        return new BatchAnswer(inOrder, failed == null ? null : failure(failed));
    }

    private static UnitFailure failure(Run.FailedUnit failed) {
        Throwable thrown = failed.failure();
        if (thrown == null) {
            return new UnitFailure(failed.index(), WORKER_DIED, failed.description(), "");
        }
        String type = thrown instanceof UnitFailedElsewhere elsewhere ? elsewhere.remoteType()
                : thrown.getClass().getName();
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        return new UnitFailure(failed.index(), type, message, trace.toString());
    }
}
