package org.parallelworkbench.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.engine.config.EngineConfiguration;
import org.parallelworkbench.engine.remote.BatchAnswer;
import org.parallelworkbench.engine.remote.MemberLeftException;
import org.parallelworkbench.engine.remote.RemoteMember;
import org.parallelworkbench.engine.remote.RemoteUnits;
import org.parallelworkbench.engine.remote.UnitBatch;

/**
 * A cluster inside the test's JVM: each member is an {@link Engine} of its own that executes the batches it gets
 * through {@link Engine#executeBatch}, on threads of the member's, as a real member does through Hazelcast's.
 * Members join and leave when the test says; a member that leaves fails its batches in flight with a
 * {@link MemberLeftException} and has its threads interrupted, as a killed one would.
 */
final class FakeCluster implements RemoteUnits, AutoCloseable {

    static final String NO_MEMBERS = "no member has joined the fake cluster";

    /** One member: its engine, its threads and the batches it was sent. */
    static final class Member {

        final String address;
        final Engine engine;
        final AtomicInteger batches = new AtomicInteger();
        private final String id;
        private final ExecutorService threads;
        private final Set<CompletableFuture<BatchAnswer>> inFlight = ConcurrentHashMap.newKeySet();

        private Member(String id, String address, Engine engine) {
            this.id = id;
            this.address = address;
            this.engine = engine;
            this.threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name(address + "-", 1).factory());
        }

        RemoteMember describe() {
            return new RemoteMember(id, address, engine.capacity(), engine.providers().stream()
                    .collect(Collectors.toMap(ProviderInfo::id, ProviderInfo::version)));
        }
    }

    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("fake-cluster-events").factory());
    private final AtomicInteger joined = new AtomicInteger();

    /** A member with this many worker threads and these providers joins. */
    Member join(int capacity, WorkProvider... providers) {
        int number = joined.incrementAndGet();
        Engine engine = new Engine(new EngineSettings(capacity, EngineConfiguration.DEFAULT_MAX_CONCURRENT_RUNS, 5_000));
        for (WorkProvider provider : providers) {
            engine.addProvider(provider);
        }
        Member member = new Member("member-" + number, "127.0.0." + number + ":5701", engine);
        members.add(member);
        tellListeners();
        return member;
    }

    /** The member leaves at once, as if killed: batches in flight fail, its threads are interrupted. */
    void kill(Member member) {
        members.remove(member);
        member.inFlight.forEach(batch -> batch.completeExceptionally(
                new MemberLeftException("Member " + member.address + " left", null)));
        member.threads.shutdownNow();
        member.engine.close();
        tellListeners();
    }

    private void tellListeners() {
        listeners.forEach(listener -> events.execute(listener));
    }

    @Override
    public void addMembersListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeMembersListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public List<RemoteMember> members() {
        return members.stream().map(Member::describe).toList();
    }

    @Override
    public String whyNoMembers() {
        return members.isEmpty() ? NO_MEMBERS : "";
    }

    @Override
    public CompletableFuture<BatchAnswer> execute(RemoteMember target, UnitBatch batch) {
        Member member = members.stream().filter(m -> m.id.equals(target.id())).findFirst().orElse(null);
        if (member == null) {
            return CompletableFuture.failedFuture(new MemberLeftException("Member " + target.address() + " left", null));
        }
        member.batches.incrementAndGet();
        CompletableFuture<BatchAnswer> answer = new CompletableFuture<>();
        member.inFlight.add(answer);
        Future<?> task = member.threads.submit(() -> {
            try {
                answer.complete(member.engine.executeBatch(batch));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        answer.whenComplete((done, failure) -> {
            member.inFlight.remove(answer);
            if (answer.isCancelled()) {
                task.cancel(true); // as Hazelcast interrupts the member's thread
            }
        });
        return answer;
    }

    /** Batches each member was sent, by address. */
    Map<String, Integer> batchesByMember(List<Member> all) {
        return all.stream().collect(Collectors.toMap(m -> m.address, m -> m.batches.get()));
    }

    @Override
    public void close() {
        members.forEach(member -> {
            member.threads.shutdownNow();
            member.engine.close();
        });
        members.clear();
        events.shutdownNow();
    }
}
