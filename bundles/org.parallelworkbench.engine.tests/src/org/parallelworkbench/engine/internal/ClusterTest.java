package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.engine.config.EngineConfiguration;
import org.parallelworkbench.engine.remote.UnitBatch;
import org.parallelworkbench.testing.Waits;

/**
 * Runs on {@link ExecutionTarget#CLUSTER}, against a {@link FakeCluster} whose members are engines of their own:
 * how units spread, what a member that leaves, joins, lacks the provider or is missing altogether does to a run,
 * and how far a cancel reaches. The Hazelcast transport is tested in the cluster bundle, the whole in the product.
 */
class ClusterTest extends EngineTestBase {

    private static final String ID = "doubles";
    private static final int UNITS = 200;
    private final FakeCluster cluster = new FakeCluster();

    @AfterEach
    void closeCluster() {
        release.countDown();
        cluster.close();
    }

    /** The submitting engine: it plans; its own units' body must never run. */
    private Engine submitter(long borrowTimeoutMillis) {
        engine(new EngineSettings(2, EngineConfiguration.DEFAULT_MAX_CONCURRENT_RUNS, borrowTimeoutMillis));
        engine.addProvider(provider("0.0.1", (unit, context) -> {
            throw new AssertionError("unit " + unit.index() + " executed on the submitting engine");
        }));
        engine.setCluster(cluster);
        return engine;
    }

    private static TestProvider provider(String version, TestProvider.Body body) {
        return new TestProvider(ID, version, parameters -> WorkPlan.of(TestProvider.units(UNITS), 64),
                body);
    }

    /** A member's provider: each unit's value is twice its index, after {@code before} ran. */
    private static TestProvider doubling(TestProvider.Body before) {
        return provider("0.0.1", (unit, context) -> {
            before.execute(unit, context);
            return Long.toString(2 * unit.index());
        });
    }

    private RunHandle startOnCluster() {
        return engine.start(ID, Parameters.NONE, new RunOptions(0, ExecutionTarget.CLUSTER));
    }

    private static void assertEveryUnitOnce(RunOutcome outcome) {
        assertEquals(RunState.SUCCEEDED, outcome.state(), outcome.reason());
        assertEquals(LongStream.range(0, UNITS).boxed().toList(), outcome.results().stream().map(UnitResult::unitIndex).toList());
        outcome.results().forEach(result -> assertEquals(Long.toString(2 * result.unitIndex()), result.value()));
    }

    @Test
    void unitsSpreadOverTheMembersAndTheResultIsTheSameAsOnThreads() {
        CountDownLatch twoAtOnce = new CountDownLatch(2);
        TestProvider.Body meetAnother = (unit, context) -> {
            twoAtOnce.countDown(); // the first unit waits until a second runs elsewhere: the run took a second slot
            twoAtOnce.await(10, TimeUnit.SECONDS);
            return "";
        };
        FakeCluster.Member a = cluster.join(1, doubling(meetAnother));
        FakeCluster.Member b = cluster.join(1, doubling(meetAnother));
        submitter(5_000);

        RunHandle run = startOnCluster();
        RunOutcome outcome = Waits.outcome(run, SHORT);

        assertEveryUnitOnce(outcome);
        assertEquals(0, twoAtOnce.getCount());
        assertTrue(a.batches.get() > 0 && b.batches.get() > 0, "batches: " + cluster.batchesByMember(List.of(a, b)));
        assertEquals(Set.of(a.address, b.address), Set.copyOf(run.executedBy()));
        assertEquals(2, run.executedBy().size(), "each member once: " + run.executedBy());
    }

    @Test
    void aMemberThatLeavesMidRunHasItsUnitsDoneByTheOthers() {
        CountDownLatch stuckOnA = new CountDownLatch(1);
        FakeCluster.Member a = cluster.join(1, doubling((unit, context) -> {
            stuckOnA.countDown();
            // Blocks until the member is killed, which interrupts its threads (the test's release is the bound).
            release.await(30, TimeUnit.SECONDS);
            return "";
        }));
        submitter(5_000);
        RunHandle run = startOnCluster();
        Waits.await(stuckOnA, SHORT, "a unit started on member a");
        cluster.join(2, doubling((unit, context) -> ""));

        cluster.kill(a);

        assertEveryUnitOnce(Waits.outcome(run, SHORT));
    }

    @Test
    void aMemberThatJoinsMidRunReceivesWork() {
        CountDownLatch bWorked = new CountDownLatch(1);
        CountDownLatch aWorking = new CountDownLatch(1);
        cluster.join(1, doubling((unit, context) -> {
            aWorking.countDown();
            bWorked.await(10, TimeUnit.SECONDS); // a is slow until b took a batch
            return "";
        }));
        submitter(5_000);
        RunHandle run = startOnCluster();
        Waits.await(aWorking, SHORT, "member a working");

        FakeCluster.Member b = cluster.join(1, doubling((unit, context) -> {
            bWorked.countDown();
            return "";
        }));

        assertEveryUnitOnce(Waits.outcome(run, SHORT));
        assertTrue(b.batches.get() > 0, "member b got no batch");
    }

    @Test
    void aMemberWithAnotherVersionOfTheProviderGetsNoneOfTheRunsUnits() {
        FakeCluster.Member other = cluster.join(4, provider("0.0.2", (unit, context) -> "wrong version"));
        FakeCluster.Member same = cluster.join(1, doubling((unit, context) -> ""));
        submitter(5_000);
        RunHandle run = startOnCluster();

        assertEveryUnitOnce(Waits.outcome(run, SHORT));
        assertEquals(0, other.batches.get());
        assertEquals(List.of(same.address), run.executedBy());
    }

    @Test
    void withoutMembersTheRunWaitsThenFailsSayingWhy() {
        submitter(300);

        RunOutcome outcome = Waits.outcome(startOnCluster(), SHORT);

        assertEquals(RunState.FAILED, outcome.state());
        assertTrue(outcome.reason().contains(ClusterWorkers.WAITING) && outcome.reason().contains(FakeCluster.NO_MEMBERS),
                outcome.reason());
    }

    @Test
    void aRunWithoutMembersSaysItWaitsAndGoesOnOnceOneJoins() {
        submitter(10_000);
        RunHandle run = startOnCluster();
        List<String> reasons = new CopyOnWriteArrayList<>();
        CountDownLatch waiting = new CountDownLatch(1);
        run.events().subscribe(RunEvent.subscriber(event -> {
            if (event instanceof RunEvent.StateChanged changed && changed.state() == RunState.RUNNING) {
                reasons.add(changed.reason());
                if (changed.reason().equals(ClusterWorkers.WAITING)) {
                    waiting.countDown();
                }
            }
        }));
        Waits.await(waiting, SHORT, "no 'waiting for cluster members' state change");

        cluster.join(1, doubling((unit, context) -> ""));

        assertEveryUnitOnce(Waits.outcome(run, SHORT));
        assertEquals(List.of(ClusterWorkers.WAITING, ""), reasons.subList(reasons.indexOf(ClusterWorkers.WAITING),
                reasons.size()), "the wait ends once a member takes units: " + reasons);
    }

    @Test
    void withMembersWithoutTheProviderTheRunFailsNamingThem() {
        cluster.join(1, new TestProvider("other", parameters -> null, (unit, context) -> ""));
        submitter(300);

        RunOutcome outcome = Waits.outcome(startOnCluster(), SHORT);

        assertEquals(RunState.FAILED, outcome.state());
        assertTrue(outcome.reason().contains("no cluster member has provider '" + ID + "' 0.0.1 (127.0.0.1:5701 does not have it)"),
                outcome.reason());
    }

    @Test
    void cancelReachesTheUnitsOnTheMembersWithinTheCancelBar() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        cluster.join(1, doubling((unit, context) -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS); // until the cancel interrupts it
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "";
        }));
        submitter(5_000);
        RunHandle run = startOnCluster();
        Waits.await(started, SHORT, "a unit started on the member");

        long canceledAt = System.nanoTime();
        run.cancel("test");

        Waits.await(interrupted, CANCEL_BAR, "the member's unit interrupted");
        assertEquals(RunState.CANCELED, Waits.outcome(run, CANCEL_BAR).state());
        assertTrue(Duration.ofNanos(System.nanoTime() - canceledAt).compareTo(CANCEL_BAR) <= 0);
    }

    @Test
    void aUnitThatThrowsOnAMemberFailsTheRunNamingTheUnitAndTheMember() {
        cluster.join(1, doubling((unit, context) -> {
            if (unit.index() == 7) {
                throw new IllegalStateException("boom at 7");
            }
            return "";
        }));
        submitter(5_000);

        RunOutcome outcome = Waits.outcome(startOnCluster(), SHORT);

        assertEquals(RunState.FAILED, outcome.state());
        assertTrue(outcome.reason().startsWith("Unit 7 failed after 1 attempt: boom at 7 (on cluster member 127.0.0.1:5701)"),
                outcome.reason());
    }

    @Test
    void withoutAClusterARunOnTheClusterIsRefusedSayingWhy() {
        engine(1).addProvider(doubling((unit, context) -> ""));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, this::startOnCluster);

        assertEquals("Provider '" + ID + "' cannot run on the cluster: the cluster bundle is not running", refused.getMessage());
    }

    @Test
    void aMemberRefusesABatchOfAnotherProviderVersion() {
        engine(1).addProvider(doubling((unit, context) -> ""));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> engine.executeBatch(
                new UnitBatch("run-1", ID, "0.0.9", List.of(new WorkUnit(3, Map.of())))));

        assertEquals("Provider '" + ID + "' 0.0.9 is not installed here; this engine has 0.0.1", refused.getMessage());
    }
}
