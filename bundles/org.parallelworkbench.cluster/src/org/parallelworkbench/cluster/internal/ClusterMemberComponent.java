package org.parallelworkbench.cluster.internal;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.parallelworkbench.cluster.ClusterMember;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.engine.remote.BatchAnswer;
import org.parallelworkbench.engine.remote.LocalUnits;
import org.parallelworkbench.engine.remote.RemoteMember;
import org.parallelworkbench.engine.remote.UnitBatch;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * The {@link ClusterMember} service: a Hazelcast member that executes the batches it receives through the local
 * engine's {@link LocalUnits}, on the executor {@value ClusterSettings#EXECUTOR} (as many threads as the engine's
 * capacity). It publishes what it offers (address, capacity, providers) in {@value ClusterSettings#MEMBERS_MAP}
 * under its UUID, and keeps that up to date while providers come and go.
 * <p>
 * Thread-safe: join, leave and publishing take turns.
 */
@Component(service = ClusterMember.class)
public final class ClusterMemberComponent implements ClusterMember {

    private static final System.Logger LOG = System.getLogger(ClusterMemberComponent.class.getName());
    /** How often the units done and whether busy are published while they change: often enough for the members' view. */
    static final long UNITS_DONE_PERIOD_SECONDS = 2;

    private final ClusterSettings settings;
    private final LocalUnits localUnits;
    private final Map<WorkProvider, ProviderInfo> providers = new ConcurrentHashMap<>();
    /** Held so java.util.logging keeps the level; see {@link ClusterSettings#quietHazelcast()}. */
    private final java.util.logging.Logger hazelcastLogger = ClusterSettings.quietHazelcast();
    private final Object turn = new Object();
    /** Guarded by turn; null while not a member. */
    private HazelcastInstance instance;
    /** Guarded by turn; publishes the units done every few seconds while they change; null while not a member. */
    private ScheduledExecutorService republisher;
    /** Units of answered batches since this member joined, batches executing now, and what was last published. */
    private final LongAdder unitsDone = new LongAdder();
    private final AtomicInteger activeBatches = new AtomicInteger();
    private long unitsPublished;
    private boolean busyPublished;

    @Activate
    public ClusterMemberComponent(@Reference(name = "localUnits") LocalUnits localUnits, BundleContext context) {
        this(ClusterSettings.from(context::getProperty, ClusterMemberComponent.class.getClassLoader()), localUnits);
    }

    ClusterMemberComponent(ClusterSettings settings, LocalUnits localUnits) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.localUnits = Objects.requireNonNull(localUnits, "localUnits");
    }

    @Reference(service = WorkProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProvider")
    void addProvider(WorkProvider provider) {
        providers.put(provider, provider.info());
        publish();
    }

    void removeProvider(WorkProvider provider) {
        providers.remove(provider);
        publish();
    }

    @Override
    public String join() {
        synchronized (turn) {
            if (instance == null || !instance.getLifecycleService().isRunning()) {
                instance = null;
                instance = start();
                publish();
                republisher = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("pw-cluster-member-info").factory());
                republisher.scheduleWithFixedDelay(this::publishIfChanged, UNITS_DONE_PERIOD_SECONDS,
                        UNITS_DONE_PERIOD_SECONDS, TimeUnit.SECONDS);
            }
            return describe(instance);
        }
    }

    private HazelcastInstance start() {
        Config config = settings.memberConfig();
        int capacity = Math.max(1, localUnits.capacity());
        config.getExecutorConfig(ClusterSettings.EXECUTOR).setPoolSize(capacity);
        config.getUserContext().put(BatchTask.LOCAL_UNITS, counting(localUnits));
        long started = System.nanoTime();
        HazelcastInstance member;
        try {
            member = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot start a cluster member (" + settings.source() + "): "
                    + rootMessage(e), e);
        }
        member.getCluster().addMembershipListener(new Membership(member));
        Member local = member.getCluster().getLocalMember();
        LOG.log(Level.INFO, "Cluster member listening at {0} of cluster ''{1}'' ({2} members, executes {3} units at"
                + " once), started in {4} ms", address(local), config.getClusterName(),
                member.getCluster().getMembers().size(), capacity,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        InetAddress listening = inetAddress(local.getAddress());
        if (settings.bindsAny() || listening == null || !listening.isLoopbackAddress()) {
            LOG.log(Level.WARNING, "The cluster member at {0}{1} has no TLS or authentication: anyone who reaches"
                    + " {0} can run units of the providers installed here", address(local),
                    settings.bindsAny() ? " (and every other interface of this machine)" : "");
        }
        return member;
    }

    /** The engine's LocalUnits, counting the units of the batches it answers. */
    private LocalUnits counting(LocalUnits engine) {
        return new LocalUnits() {
            @Override
            public int capacity() {
                return engine.capacity();
            }

            @Override
            public BatchAnswer execute(UnitBatch batch) throws InterruptedException {
                activeBatches.incrementAndGet();
                try {
                    BatchAnswer answer = engine.execute(batch);
                    unitsDone.add(answer.results().size());
                    return answer;
                } finally {
                    activeBatches.decrementAndGet();
                }
            }
        };
    }

    private void publishIfChanged() {
        synchronized (turn) {
            if (unitsDone.sum() != unitsPublished || (activeBatches.get() > 0) != busyPublished) {
                publish();
            }
        }
    }

    /** Puts this member's current info in the members map; nothing while not a member. */
    private void publish() {
        synchronized (turn) {
            if (instance == null) {
                return;
            }
            try {
                Member local = instance.getCluster().getLocalMember();
                Map<String, String> offered = new TreeMap<>();
                providers.values().forEach(info -> offered.put(info.id(), info.version()));
                String id = local.getUuid().toString();
                long done = unitsDone.sum();
                boolean busy = activeBatches.get() > 0;
                instance.<String, RemoteMember>getMap(ClusterSettings.MEMBERS_MAP).set(id,
                        new RemoteMember(id, address(local), Math.max(1, localUnits.capacity()), offered, done, busy));
                unitsPublished = done;
                busyPublished = busy;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not publish this member''s providers to the cluster: " + rootMessage(e), e);
            }
        }
    }

    @Override
    public void leave() {
        synchronized (turn) {
            HazelcastInstance member = instance;
            instance = null;
            if (republisher != null) {
                republisher.shutdownNow();
                republisher = null;
            }
            if (member == null || !member.getLifecycleService().isRunning()) {
                return;
            }
            String description = "member " + address(member.getCluster().getLocalMember()) + " of cluster '"
                    + member.getConfig().getClusterName() + "'";
            try {
                member.getMap(ClusterSettings.MEMBERS_MAP).remove(member.getCluster().getLocalMember().getUuid().toString());
            } catch (RuntimeException e) {
                // The others drop a member that left from the map themselves; see Membership.
            }
            member.shutdown();
            LOG.log(Level.INFO, "Left the cluster as " + description);
        }
    }

    @Deactivate
    void deactivate() {
        leave();
    }

    /** For tests: the running member, or null. */
    HazelcastInstance instance() {
        synchronized (turn) {
            return instance;
        }
    }

    private static String describe(HazelcastInstance member) {
        int size = member.getCluster().getMembers().size();
        return "Member " + address(member.getCluster().getLocalMember()) + " of cluster '"
                + member.getConfig().getClusterName() + "' (" + size + (size == 1 ? " member)" : " members)");
    }

    static String address(Member member) {
        Address address = member.getAddress();
        return address.getHost() + ":" + address.getPort();
    }

    private static InetAddress inetAddress(Address address) {
        try {
            return address.getInetAddress();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** Logs who joined and left; drops the info of a member that left without removing it (killed, cut off). */
    private static final class Membership implements MembershipListener {

        private final HazelcastInstance member;

        Membership(HazelcastInstance member) {
            this.member = member;
        }

        @Override
        public void memberAdded(MembershipEvent event) {
            LOG.log(Level.INFO, "Cluster member {0} joined ({1} members)", address(event.getMember()),
                    event.getMembers().size());
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            LOG.log(Level.INFO, "Cluster member {0} left ({1} members)", address(event.getMember()),
                    event.getMembers().size());
            try {
                member.getMap(ClusterSettings.MEMBERS_MAP).removeAsync(event.getMember().getUuid().toString());
            } catch (RuntimeException e) {
                // Shutting down ourselves: the map goes with us.
            }
        }
    }
}
