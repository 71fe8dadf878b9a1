package org.parallelworkbench.process.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelworkbench.process.host.internal.EngineSide.WAIT;
import static org.parallelworkbench.process.host.internal.WorkUnitsBuilder.units;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkerStateFactory;
import org.parallelworkbench.process.channel.Message;
import org.parallelworkbench.process.channel.MessageChannel;
import org.parallelworkbench.process.host.internal.WorkerHost.Ending;

class WorkerHostTest {

    private final BlockingQueue<Ending> endings = new LinkedBlockingQueue<>();
    private EngineSide engine;
    private WorkerHost host;
    private Thread hostThread;

    @BeforeEach
    void connect() throws IOException {
        engine = new EngineSide();
    }

    @AfterEach
    void disconnect() throws Exception {
        if (host != null) {
            host.close();
            hostThread.join(WAIT.toMillis());
            assertFalse(hostThread.isAlive(), "the host's thread ends once it is closed");
        }
        engine.closeAll();
    }

    @Test
    void saysHelloWithItsProtocolAndPidThenReadyOnceItFoundTheProvider() throws Exception {
        start(listed(TestProvider.echo("other", "1.0"), TestProvider.echo("echo", "2.0")), "echo", "2.0", WAIT);

        assertEquals(new Message.Hello(MessageChannel.PROTOCOL_VERSION, ProcessHandle.current().pid()), engine.next());
        assertEquals(new Message.Ready("echo", "2.0"), engine.next());
    }

    @Test
    void executesABatchInOrderOnOneThreadAnsweringEachCompleted() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        serve(new TestProvider("echo", "1", (unit, context) -> {
            threads.add(Thread.currentThread().getName());
            return new UnitResult(unit.index(), unit.get("value"));
        }));

        engine.execute(units().unit(7, "a").unit(3, "b").unit(5, "c"));
        engine.execute(units().unit(1, "d"));

        assertEquals(new UnitResult(7, "a"), engine.next(Message.Completed.class).result());
        assertEquals(new UnitResult(3, "b"), engine.next(Message.Completed.class).result());
        assertEquals(new UnitResult(5, "c"), engine.next(Message.Completed.class).result());
        assertEquals(new UnitResult(1, "d"), engine.next(Message.Completed.class).result());
        assertEquals(1, threads.stream().distinct().count(), "one executor thread: " + threads);
    }

    @Test
    void aUnitThatThrowsIsAnsweredFailedWithTypeMessageAndStackAndTheNextUnitStillRuns() throws Exception {
        serve(new TestProvider("throwing", "1", (unit, context) -> switch (unit.get("value")) {
        case "exception" -> throw new IllegalArgumentException("bad unit");
        case "error" -> new UnitResult(unit.index(), "depth " + recurse(0));
        default -> new UnitResult(unit.index(), "fine");
        }));

        engine.execute(units().unit(0, "exception").unit(1, "error").unit(2, "fine"));

        Message.Failed exception = engine.next(Message.Failed.class);
        assertEquals(0, exception.unitIndex());
        assertEquals("java.lang.IllegalArgumentException", exception.exceptionType());
        assertEquals("bad unit", exception.message());
        assertTrue(exception.stackTrace().startsWith("java.lang.IllegalArgumentException: bad unit"), exception.stackTrace());
        assertTrue(exception.stackTrace().contains("\tat " + WorkerHostTest.class.getName()), exception.stackTrace());
        Message.Failed error = engine.next(Message.Failed.class);
        assertEquals(1, error.unitIndex());
        assertEquals("java.lang.StackOverflowError", error.exceptionType());
        assertTrue(error.stackTrace().contains(".recurse("), "the stack names the unit's frames");
        assertEquals(new UnitResult(2, "fine"), engine.next(Message.Completed.class).result());
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void aUnitReturningNoResultOrAnotherUnitsIsAnsweredFailed() throws Exception {
        serve(new TestProvider("wrong", "1", (unit, context) -> switch (unit.get("value")) {
        case "null" -> null;
        default -> new UnitResult(unit.index() + 100, "not mine");
        }));

        engine.execute(units().unit(4, "null").unit(5, "foreign"));

        assertEquals(new Message.Failed(4, "java.lang.IllegalStateException", "Unit 4 returned no result",
                "java.lang.IllegalStateException: Unit 4 returned no result"), engine.next());
        Message.Failed foreign = engine.next(Message.Failed.class);
        assertEquals("java.lang.IllegalStateException", foreign.exceptionType());
        assertEquals("Unit 5 returned a result for unit 105", foreign.message());
    }

    @Test
    void cancelDropsQueuedUnitsCancelsAndInterruptsTheRunningOneThenIdleFollowsItsAnswer() throws Exception {
        CountDownLatch blocking = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean canceled = new AtomicBoolean();
        List<Long> executed = Collections.synchronizedList(new ArrayList<>());
        serve(new TestProvider("blocking", "1", (unit, context) -> {
            executed.add(unit.index());
            if (unit.get("value").equals("block")) {
                blocking.countDown();
                try {
                    new CountDownLatch(1).await(2 * WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                canceled.set(context.isCanceled());
                return new UnitResult(unit.index(), "stopped");
            }
            return new UnitResult(unit.index(), context.isCanceled() ? "canceled" : "ran");
        }));

        engine.execute(units().unit(0, "block").unit(1, "queued").unit(2, "queued"));
        assertTrue(blocking.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "unit 0 never started");
        engine.send(new Message.Cancel());

        assertEquals(new UnitResult(0, "stopped"), engine.next(Message.Completed.class).result());
        engine.next(Message.Idle.class);
        assertTrue(interrupted.get(), "the running unit's thread was interrupted");
        assertTrue(canceled.get(), "the running unit saw isCanceled()");

        engine.execute(units().unit(3, "after"));
        assertEquals(new UnitResult(3, "ran"), engine.next(Message.Completed.class).result(),
                "a batch after the Idle runs, not cancelled");
        assertEquals(List.of(0L, 3L), executed, "the queued units were dropped");
    }

    @Test
    void cancelWhileNoUnitExecutesIsAnsweredIdleAtOnce() throws Exception {
        serve(TestProvider.echo("echo", "1"));

        engine.send(new Message.Cancel());

        engine.next(Message.Idle.class);
    }

    @Test
    void workerStateIsCreatedOnceReusedRenewedWhenInvalidAndDestroyedAtShutdown() throws Exception {
        CountingStates states = new CountingStates(false);
        serve(new TestProvider("stateful", "1", (unit, context) -> {
            Counter counter = context.workerState(Counter.class);
            counter.uses++;
            counter.valid = !unit.get("value").equals("spoil");
            return new UnitResult(unit.index(), states.created.get() + "/" + counter.uses);
        }, states));

        engine.execute(units().unit(0, "a").unit(1, "b").unit(2, "spoil").unit(3, "c"));

        List<String> values = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            values.add(engine.next(Message.Completed.class).result().value());
        }
        assertEquals(List.of("1/1", "1/2", "1/3", "2/1"), values, "states created / uses of the state");
        assertEquals(1, states.destroyed.get(), "the invalid state was destroyed");

        engine.send(new Message.Shutdown());
        assertEquals(Ending.SHUTDOWN, ending());
        assertEquals(2, states.destroyed.get(), "the last state is destroyed before the JVM ends");
    }

    @Test
    void aStateOfAnotherTypeOrThatCannotBeCreatedFailsTheUnitAsTheThreadWorkerDoes() throws Exception {
        serve(new TestProvider("stateful", "1", (unit, context) -> {
            Class<?> type = unit.get("value").equals("string") ? String.class : Counter.class;
            return new UnitResult(unit.index(), String.valueOf(context.workerState(type)));
        }, new CountingStates(true)));

        engine.execute(units().unit(0, "string").unit(1, "counter"));

        assertEquals("The provider's worker state is a " + Counter.class.getName() + ", not a java.lang.String",
                engine.next(Message.Failed.class).message());
        assertEquals("Worker state could not be created: no device", engine.next(Message.Failed.class).message());
    }

    @Test
    void anAnswerLeftBehindALongUnitIsSentWithoutWaitingForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        serve(new TestProvider("long", "1", (unit, context) -> {
            if (unit.get("value").equals("long")) {
                release.await(3 * WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return new UnitResult(unit.index(), unit.get("value"));
        }));

        engine.execute(units().unit(0, "quick").unit(1, "long"));

        assertEquals(new UnitResult(0, "quick"), engine.next(Message.Completed.class).result());
        release.countDown();
        assertEquals(new UnitResult(1, "long"), engine.next(Message.Completed.class).result());
    }

    @Test
    void aBatchOfTinyUnitsIsFlushedOncePerTenMillisecondsAtMost() throws Exception {
        serve(TestProvider.echo("echo", "1"));
        int flushesBefore = engine.workerFlushes();
        WorkUnitsBuilder batch = units();
        for (int i = 0; i < 500; i++) {
            batch.unit(i, "v" + i);
        }

        long start = System.nanoTime();
        engine.execute(batch);
        for (int i = 0; i < 500; i++) {
            assertEquals(i, engine.next(Message.Completed.class).result().unitIndex());
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        int flushes = engine.workerFlushes() - flushesBefore;
        assertTrue(flushes <= 2 + elapsedMillis / UnitExecutor.FLUSH_INTERVAL_MILLIS,
                flushes + " flushes for 500 answers in " + elapsedMillis + " ms");
    }

    @Test
    void anUnknownProviderIsUnavailableNamingWhatIsRegisteredAndTheJvmEnds() throws Exception {
        start(listed(TestProvider.echo("primes", "1.0"), TestProvider.echo("missing", "0.9")), "missing", "1.0",
                Duration.ofMillis(50));

        engine.next(Message.Hello.class);
        String reason = engine.next(Message.Unavailable.class).reason();
        assertTrue(reason.startsWith("Provider missing 1.0 was not registered in the worker process within 50 ms"), reason);
        assertTrue(reason.contains("missing 0.9") && reason.contains("primes 1.0"), reason);
        assertEquals(Ending.PROVIDER_UNAVAILABLE, ending());
    }

    @Test
    void theEndOfTheStreamMeansTheEngineIsGoneAndEndsTheJvm() throws Exception {
        serve(TestProvider.echo("echo", "1"));

        engine.close();

        assertEquals(Ending.ENGINE_GONE, ending());
    }

    @Test
    void shutdownInterruptsTheRunningUnitAndEndsTheJvmGracefullyOnceItReturned() throws Exception {
        CountDownLatch blocking = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        serve(new TestProvider("blocking", "1", (unit, context) -> {
            blocking.countDown();
            try {
                new CountDownLatch(1).await(2 * WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                returned.set(true);
            }
            return new UnitResult(unit.index(), "late");
        }));
        engine.execute(units().unit(0, "block"));
        assertTrue(blocking.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "unit 0 never started");

        engine.send(new Message.Shutdown());

        assertEquals(Ending.SHUTDOWN, ending());
        assertTrue(returned.get(), "the JVM ends after the unit returned");
    }

    private void serve(WorkProvider provider) throws InterruptedException {
        start(listed(provider), provider.info().id(), provider.info().version(), WAIT);
        engine.next(Message.Hello.class);
        engine.next(Message.Ready.class);
    }

    private void start(ProviderSource providers, String id, String version, Duration providerWait) {
        host = new WorkerHost(engine.workerChannel(), providers, id, version, providerWait, endings::add);
        hostThread = new Thread(host::run, "Test worker host");
        hostThread.setDaemon(true);
        hostThread.start();
    }

    private Ending ending() throws InterruptedException {
        Ending ending = endings.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (ending == null) {
            throw new AssertionError("The host did not end the JVM within " + WAIT.toMillis() + " ms");
        }
        assertTrue(endings.isEmpty(), "the JVM is ended once: " + endings);
        return ending;
    }

    /** Providers that are there from the start; one that is not never comes. */
    private static ProviderSource listed(WorkProvider... providers) {
        return new ProviderSource() {
            @Override
            public WorkProvider find(String id, String version, Duration timeout) throws InterruptedException {
                for (WorkProvider provider : providers) {
                    if (ProviderSource.matches(provider, id, version)) {
                        return provider;
                    }
                }
                new CountDownLatch(1).await(timeout.toMillis(), TimeUnit.MILLISECONDS); // the timeout is the point
                return null;
            }

            @Override
            public String whyMissing() {
                return "Providers registered: "
                        + Stream.of(providers).map(ProviderSource::describe).collect(Collectors.joining(", "));
            }
        };
    }

    /** A state touched only by the executor thread. */
    static final class Counter {
        int uses;
        boolean valid = true;
    }

    private static final class CountingStates implements WorkerStateFactory<Counter> {

        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger destroyed = new AtomicInteger();
        private final boolean failing;

        CountingStates(boolean failing) {
            this.failing = failing;
        }

        @Override
        public Class<Counter> type() {
            return Counter.class;
        }

        @Override
        public Counter create() throws IOException {
            if (failing) {
                throw new IOException("no device");
            }
            created.incrementAndGet();
            return new Counter();
        }

        @Override
        public boolean isValid(Counter state) {
            return state.valid;
        }

        @Override
        public void destroy(Counter state) {
            destroyed.incrementAndGet();
        }
    }
}
