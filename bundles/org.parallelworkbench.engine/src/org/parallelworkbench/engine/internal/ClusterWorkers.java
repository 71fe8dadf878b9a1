package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.parallelworkbench.engine.remote.RemoteMember;
import org.parallelworkbench.engine.remote.RemoteUnits;

/**
 * Makes {@link ClusterWorker}s, named {@code pw-cluster-<n>}: slots on the cluster's members that have the key's
 * provider version, each new one on the member with the fewest slots for its capacity, so work spreads by capacity
 * and a member that joins gets the next slots. Joins the cluster (through {@link RemoteUnits}) when the first
 * worker is asked for, and from then on keeps the pool's size at the members' capacity in total.
 * <p>
 * Waiting for members happens here, on the pool's borrowing thread: {@link #create} waits, up to the engine's
 * borrow time-out, for a member with the provider, then fails with why none came.
 * <p>
 * Threading: all methods are thread-safe; {@link #membersChanged()} runs on {@link RemoteUnits}' thread.
 */
final class ClusterWorkers implements WorkerFactory {

    private static final System.Logger LOG = System.getLogger(ClusterWorkers.class.getName());
    static final String NAME_PREFIX = "pw-cluster-";
    static final String WAITING = "waiting for cluster members";

    private final RemoteUnits remote;
    private final LongSupplier waitMillis;
    private final IntConsumer resize;
    private final Runnable listener = this::membersChanged;
    private final AtomicBoolean joined = new AtomicBoolean();
    private final Set<ClusterWorker> live = ConcurrentHashMap.newKeySet();
    /** Units completed per member id, for the members' view; kept while the engine lives. */
    private final Map<String, LongAdder> unitsDone = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();
    /**
     * Members a slot saw leave (its batch failed with MemberLeftException) that the member list may still show for a
     * moment: no new slot goes to them. An id goes once the list no longer shows it.
     */
    private final Set<String> departed = ConcurrentHashMap.newKeySet();
    /** Keys whose borrowers wait in {@link #create} for a member with the provider. */
    private final Set<WorkerKey> waiting = ConcurrentHashMap.newKeySet();
    /** Members already logged as lacking a provider version, as "member/provider/version". */
    private final Set<String> toldWithout = ConcurrentHashMap.newKeySet();
    /** Notified when the members change, for creators waiting for one. */
    private final Object membersMonitor = new Object();

    /**
     * @param waitMillis how long {@link #create} waits for a member with the provider (the borrow time-out)
     * @param resize     sets the pool's size: the members' capacity in total, at least 1
     */
    ClusterWorkers(RemoteUnits remote, LongSupplier waitMillis, IntConsumer resize) {
        this.remote = remote;
        this.waitMillis = waitMillis;
        this.resize = resize;
    }

    @Override
    public String kind() {
        return "cluster slot";
    }

    /** Slow only when members are missing: borrowing then waits, which a run's Job thread must not. */
    @Override
    public boolean startsSlowly() {
        return true;
    }

    /** Joins the cluster if not joined yet; returns at once. */
    void join() {
        if (joined.compareAndSet(false, true)) {
            remote.addMembersListener(listener);
            membersChanged(); // the members already there
        }
    }

    /** The members reachable now; joins first. */
    List<RemoteMember> members() {
        join();
        return remote.members();
    }

    /** Units each member completed for this engine, by member id. */
    Map<String, Long> unitsDone() {
        return unitsDone.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().sum()));
    }

    @Override
    public Worker create(WorkerKey key) throws Exception {
        join();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis.getAsLong());
        try {
            return await(key, deadline);
        } finally {
            waiting.remove(key);
        }
    }

    @Override
    public String waitingFor(WorkerKey key) {
        return waiting.contains(key) ? WAITING : "";
    }

    /** A slot on a member with the key's provider, as soon as one is there; else fails at the deadline saying why. */
    private Worker await(WorkerKey key, long deadline) throws InterruptedException {
        boolean told = false;
        while (true) {
            List<RemoteMember> members = remote.members();
            RemoteMember chosen = leastLoaded(members, key);
            if (chosen != null) {
                logMembersWithout(members, key);
                ClusterWorker worker = new ClusterWorker(NAME_PREFIX + count.incrementAndGet(), chosen, remote, key,
                        unitsDone.computeIfAbsent(chosen.id(), id -> new LongAdder()), this::departed);
                live.add(worker);
                return worker;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new IllegalStateException("Gave up " + WAITING + " after " + waitMillis.getAsLong() + " ms: "
                        + whyNone(members, key));
            }
            if (!told) {
                LOG.log(Level.INFO, "Provider '" + key.providerId() + "' " + key.providerVersion() + ": " + WAITING
                        + " (" + whyNone(members, key) + ")");
                told = true;
                waiting.add(key);
            }
            synchronized (membersMonitor) {
                TimeUnit.NANOSECONDS.timedWait(membersMonitor, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(500)));
            }
        }
    }

    /** Once per key and member: the members that get no units of the key's runs, and why. */
    private void logMembersWithout(List<RemoteMember> members, WorkerKey key) {
        for (RemoteMember member : members) {
            if (!member.has(key.providerId(), key.providerVersion()) && toldWithout.add(member.id() + "/" + key.providerId()
                    + "/" + key.providerVersion())) {
                String has = member.providers().get(key.providerId());
                LOG.log(Level.INFO, "Cluster member " + member.address() + " gets no units of provider '" + key.providerId()
                        + "' " + key.providerVersion() + ": " + (has == null ? "it does not have it" : "it has " + has));
            }
        }
    }

    /** The member with the provider version that has the fewest slots for its capacity, or null if none has it. */
    private RemoteMember leastLoaded(List<RemoteMember> members, WorkerKey key) {
        Map<String, Long> slots = live.stream().collect(Collectors.groupingBy(w -> w.member().id(), Collectors.counting()));
        return members.stream().filter(member -> member.has(key.providerId(), key.providerVersion())
                && !departed.contains(member.id()))
                .min(Comparator.comparingDouble(member -> (double) slots.getOrDefault(member.id(), 0L) / member.capacity()))
                .orElse(null);
    }

    private String whyNone(List<RemoteMember> members, WorkerKey key) {
        if (members.isEmpty()) {
            String why = remote.whyNoMembers();
            return why.isBlank() ? "no cluster member is reachable" : why;
        }
        return "no cluster member has provider '" + key.providerId() + "' " + key.providerVersion() + " ("
                + members.stream().map(member -> member.address() + (member.providers().containsKey(key.providerId())
                        ? " has " + member.providers().get(key.providerId()) : " does not have it"))
                        .collect(Collectors.joining(", ")) + ")";
    }

    /** A slot's batch failed because its member left; any thread. */
    private void departed(RemoteMember member) {
        departed.add(member.id());
        live.stream().filter(worker -> worker.member().id().equals(member.id())).forEach(ClusterWorker::memberLeft);
    }

    @Override
    public void destroyed(Worker worker) {
        live.remove(worker);
        worker.destroy();
    }

    /** Slots on members that left take no further shift; the pool follows the members' capacity. */
    private void membersChanged() {
        List<RemoteMember> members = remote.members();
        Set<String> present = members.stream().map(RemoteMember::id).collect(Collectors.toSet());
        live.stream().filter(worker -> !present.contains(worker.member().id())).forEach(ClusterWorker::memberLeft);
        departed.retainAll(present);
        resize.accept(Math.max(1, members.stream().mapToInt(RemoteMember::capacity).sum()));
        synchronized (membersMonitor) {
            membersMonitor.notifyAll();
        }
    }

    @Override
    public void awaitEnd(long waitMillis) {
        if (joined.get()) {
            remote.removeMembersListener(listener);
        }
        live.forEach(ClusterWorker::destroy);
        live.clear();
    }
}
