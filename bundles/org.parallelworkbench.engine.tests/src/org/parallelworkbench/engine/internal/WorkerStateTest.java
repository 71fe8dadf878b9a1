package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.WorkerStateFactory;
import org.parallelworkbench.testing.Waits;

/** Pooled per-worker provider state (scenario 9 among them) and unit retries. */
class WorkerStateTest extends EngineTestBase {

    private static final long SHORT_BORROW_MILLIS = 200;
    /** Scenario 9's bar: the configured borrow wait plus 50 ms. */
    private static final Duration FACTORY_FAILURE_BAR = Duration.ofMillis(SHORT_BORROW_MILLIS + 50);

    /** A state that counts its uses; invalid after {@code usesAllowed} of them. */
    static final class Solver {
        final AtomicInteger uses = new AtomicInteger();
    }

    /** Counts what it creates and destroys; {@code create} is what the test wants it to do. */
    static class SolverFactory implements WorkerStateFactory<Solver> {
        final AtomicInteger created = new AtomicInteger();
        final Tally destroyed = new Tally();
        private final int usesAllowed;

        SolverFactory(int usesAllowed) {
            this.usesAllowed = usesAllowed;
        }

        @Override
        public Class<Solver> type() {
            return Solver.class;
        }

        @Override
        public Solver create() throws Exception {
            created.incrementAndGet();
            return new Solver();
        }

        @Override
        public boolean isValid(Solver state) {
            return state.uses.get() < usesAllowed;
        }

        @Override
        public void destroy(Solver state) {
            destroyed.incrementAndGet();
        }
    }

    private static TestProvider solving(String id, int units, int maxConcurrentUnits, WorkerStateFactory<?> factory) {
        return TestProvider.finite(id, units, maxConcurrentUnits, (unit, ctx) -> {
            ctx.workerState(Solver.class).uses.incrementAndGet();
            return "solved";
        }).withWorkerState(factory);
    }

    @Test
    void eachWorkerCreatesItsStateOnceAndDestroysItWithTheWorker() {
        SolverFactory factory = new SolverFactory(Integer.MAX_VALUE);
        engine(2).addProvider(solving("solver", 200, 2, factory));

        RunOutcome outcome = Waits.outcome(engine.start("solver", Parameters.NONE), SHORT);
        assertEquals(RunState.SUCCEEDED, outcome.state(), outcome.reason());
        assertTrue(factory.created.get() >= 1 && factory.created.get() <= 2, factory.created + " states for 2 workers");

        engine.close();
        assertEquals(factory.created.get(), factory.destroyed.get(), "states not destroyed with their workers");
    }

    @Test
    void aStateThatFailsValidationOnReturnIsReplaced() {
        SolverFactory factory = new SolverFactory(3);
        engine(1).addProvider(solving("wearing", 9, 1, factory));

        RunOutcome outcome = Waits.outcome(engine.start("wearing", Parameters.NONE), SHORT);

        assertEquals(RunState.SUCCEEDED, outcome.state(), outcome.reason());
        assertEquals(3, factory.created.get(), "9 units on states good for 3 uses each");
        factory.destroyed.awaitAtLeast(2, SHORT, () -> "worn states not destroyed: " + factory.destroyed);
    }

    @Test
    void aFactoryThatThrowsFailsTheRunWithItsMessageInTime() {
        assertFactoryFailure(new SolverFactory(1) {
            @Override
            public Solver create() throws Exception {
                throw new java.io.IOException("no licence for the solver");
            }
        }, "no licence for the solver");
    }

    @Test
    void aFactoryThatReturnsNullFailsTheRunInTime() {
        assertFactoryFailure(new SolverFactory(1) {
            @Override
            public Solver create() {
                return null;
            }
        }, "returned null");
    }

    @Test
    void aFactoryWhoseNewStateIsInvalidFailsTheRunInTime() {
        assertFactoryFailure(new SolverFactory(0), "failed validation");
    }

    private void assertFactoryFailure(WorkerStateFactory<?> factory, String expectedReason) {
        engine(new EngineSettings(2, 4, SHORT_BORROW_MILLIS)).addProvider(solving("broken", 10, 2, factory));

        long startNanos = System.nanoTime();
        RunOutcome outcome = Waits.outcome(engine.start("broken", Parameters.NONE), SHORT);
        long failNanos = System.nanoTime() - startNanos;

        assertEquals(RunState.FAILED, outcome.state());
        assertTrue(outcome.reason().contains(expectedReason), outcome.reason());
        assertTrue(failNanos < FACTORY_FAILURE_BAR.toNanos(), "failed after " + failNanos / 1_000_000 + " ms");
    }

    @Test
    void aUnitFailingTwiceSucceedsWithTwoRetriesOnAnotherWorker() {
        Set<Thread> threadsOfUnit0 = ConcurrentHashMap.newKeySet();
        engine(2).addProvider(failingTwice("flaky", threadsOfUnit0));

        RunOutcome outcome = Waits.outcome(engine.start("flaky", Parameters.NONE, new RunOptions(2)), SHORT);

        assertEquals(RunState.SUCCEEDED, outcome.state(), outcome.reason());
        assertEquals(Map.of(0L, "ok", 1L, "ok"), Map.of(0L, outcome.results().get(0).value(), 1L,
                outcome.results().get(1).value()));
        assertEquals(3, threadsOfUnit0.size(), "each attempt needs a fresh worker");
    }

    @Test
    void aUnitFailingMoreOftenThanItsRetriesFailsTheRunCountingAttempts() {
        Set<Thread> threadsOfUnit0 = ConcurrentHashMap.newKeySet();
        engine(2).addProvider(failingTwice("flaky", threadsOfUnit0));

        RunOutcome outcome = Waits.outcome(engine.start("flaky", Parameters.NONE, new RunOptions(1)), SHORT);

        assertEquals(RunState.FAILED, outcome.state());
        assertTrue(outcome.reason().contains("Unit 0") && outcome.reason().contains("2 attempts")
                && outcome.reason().contains("flaky attempt 2"), outcome.reason());
        assertNotEquals(1, threadsOfUnit0.size(), "the retry ran on the worker that threw");
    }

    /** Unit 0 throws on its first two attempts; unit 1 always works. */
    private static TestProvider failingTwice(String id, Set<Thread> threadsOfUnit0) {
        AtomicInteger attempts = new AtomicInteger();
        return TestProvider.finite(id, 2, 1, (unit, ctx) -> {
            if (unit.index() == 0) {
                threadsOfUnit0.add(Thread.currentThread());
                int attempt = attempts.incrementAndGet();
                if (attempt <= 2) {
                    throw new IllegalStateException("flaky attempt " + attempt);
                }
            }
            return "ok";
        });
    }
}
