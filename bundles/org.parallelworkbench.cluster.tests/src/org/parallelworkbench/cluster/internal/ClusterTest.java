package org.parallelworkbench.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.cluster.ClusterMember;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.engine.remote.BatchAnswer;
import org.parallelworkbench.engine.remote.LocalUnits;
import org.parallelworkbench.engine.remote.MemberLeftException;
import org.parallelworkbench.engine.remote.RemoteMember;
import org.parallelworkbench.engine.remote.RemoteUnits;
import org.parallelworkbench.engine.remote.UnitBatch;
import org.parallelworkbench.testing.Changes;
import org.parallelworkbench.testing.Waits;

/**
 * Two members and a client in this JVM, on a loopback port range and a cluster name of this class's own: batches
 * go to the chosen member and back, members come and go, a member that dies or a cancelled future ends the batch.
 * The members execute through fake engines ({@link FakeUnits}) the tests control through the units' data.
 * Shared by the tests (a member takes seconds to start); the tests that stop a member start one of their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    /** How soon the sender must learn that a member died while executing (heartbeats: 1 s, 5 s without). */
    private static final Duration LEFT_WITHIN = Duration.ofSeconds(8);
    private static final Duration INTERRUPTED_WITHIN = Duration.ofSeconds(1);
    private static final int PORT_COUNT = 4;

    private static Path folder;
    private static int firstPort;
    private static ClusterSettings settings;
    private static FakeUnits unitsA;
    private static FakeUnits unitsB;
    private static ClusterMemberComponent memberA;
    private static ClusterMemberComponent memberB;
    private static RemoteUnitsComponent sender;
    private static Changes changes;

    @BeforeAll
    static void startTwoMembersAndAClient() throws IOException {
        folder = Files.createTempDirectory("cluster-test");
        firstPort = freePorts(PORT_COUNT);
        settings = new ClusterSettings(writeConfig("pw-test-" + UUID.randomUUID(), firstPort, PORT_COUNT), true,
                ClusterSettings.class.getClassLoader());
        unitsA = new FakeUnits("a");
        unitsB = new FakeUnits("b");
        memberA = member(unitsA, provider("primes", "1.0"));
        memberB = member(unitsB, provider("primes", "1.0"), provider("ticker", "2.0"));
        assertTrue(memberA.join().contains("127.0.0.1:" + firstPort), "the first member listens on the first port");
        assertTrue(memberB.join().contains("(2 members)"), "the second member joins the first");
        changes = new Changes();
        sender = new RemoteUnitsComponent(settings);
        sender.addMembersListener(changes::signal);
        changes.await(() -> sender.members().size() == 2, WITHIN, () -> "the client never saw both members: "
                + sender.members() + "; " + sender.whyNoMembers());
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (sender != null) {
            sender.deactivate();
        }
        for (ClusterMemberComponent member : new ClusterMemberComponent[] { memberB, memberA }) {
            if (member != null) {
                member.leave();
            }
        }
        if (changes != null) {
            changes.close();
        }
        if (folder != null) {
            try (var files = Files.walk(folder)) {
                files.sorted((x, y) -> y.compareTo(x)).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void aBatchGoesToTheChosenMemberAndItsResultsComeBackInOrder() throws Exception {
        RemoteMember b = member("b");
        int batchesOfA = unitsA.batches.get();

        BatchAnswer answer = get(sender.execute(b, batch("primes", "1.0", "x", "y", "z")));

        assertEquals(List.of(new UnitResult(0, "b:x"), new UnitResult(1, "b:y"), new UnitResult(2, "b:z")),
                answer.results());
        assertTrue(answer.failed().isEmpty());
        assertEquals(batchesOfA, unitsA.batches.get(), "member a executed a batch sent to b");
    }

    @Test
    @Order(2)
    void membersListsBothWithCapacityAndProvidersAndFollowsChanges() throws Exception {
        List<RemoteMember> members = sender.members();
        assertEquals(List.of("127.0.0.1:" + firstPort, "127.0.0.1:" + (firstPort + 1)),
                members.stream().map(RemoteMember::address).toList(), "sorted by address");
        assertEquals(3, members.get(0).capacity());
        assertEquals(Map.of("primes", "1.0"), members.get(0).providers());
        assertEquals(Map.of("primes", "1.0", "ticker", "2.0"), members.get(1).providers());

        WorkProvider checksums = provider("checksums", "0.3");
        memberA.addProvider(checksums);
        changes.await(() -> member("a").has("checksums", "0.3"), WITHIN, () -> "a's new provider never showed");
        memberA.removeProvider(checksums);
        changes.await(() -> !member("a").providers().containsKey("checksums"), WITHIN,
                () -> "a's removed provider stayed");

        ClusterMemberComponent third = member(new FakeUnits("c"), provider("primes", "1.0"));
        try {
            assertTrue(third.join().contains("(3 members)"));
            changes.await(() -> sender.members().size() == 3, WITHIN, () -> "the third member never showed");
        } finally {
            third.leave();
        }
        changes.await(() -> sender.members().size() == 2, WITHIN, () -> "the third member stayed after it left: "
                + sender.members());
    }

    @Test
    @Order(3)
    void cancelInterruptsTheBatchOnTheMember() throws Exception {
        unitsA.arm();
        CompletableFuture<BatchAnswer> answer = sender.execute(member("a"), blockingBatch());
        Waits.await(unitsA.entered, WITHIN, "the blocking batch never started on member a");

        assertTrue(answer.cancel(true));

        Waits.await(unitsA.interrupted, INTERRUPTED_WITHIN, "cancel(true) did not interrupt the batch on the member");
        assertTrue(answer.isCancelled());
    }

    @Test
    @Order(4)
    void aProviderMissingOnTheMemberIsAnExceptionalAnswerNamingIt() {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> get(sender.execute(member("a"), batch("ticker", "2.0", "x"))));

        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, failure.getCause());
        assertTrue(cause.getMessage().contains("ticker 2.0"), cause.getMessage());
    }

    @Test
    @Order(5)
    void aMemberShutDownWhileExecutingFailsTheBatchWithMemberLeft() throws Exception {
        FakeUnits units = new FakeUnits("d");
        ClusterMemberComponent doomed = member(units, provider("primes", "1.0"));
        try {
            doomed.join();
            changes.await(() -> sender.members().size() == 3, WITHIN, () -> "the doomed member never showed");
            RemoteMember d = member("d");
            units.arm();
            CompletableFuture<BatchAnswer> answer = sender.execute(d, blockingBatch());
            Waits.await(units.entered, WITHIN, "the blocking batch never started on member d");
            long killed = System.nanoTime();

            doomed.instance().getLifecycleService().terminate();

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> answer.get(LEFT_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
            assertInstanceOf(MemberLeftException.class, failure.getCause(), () -> "not a member left: " + failure.getCause());
            System.out.println("A terminated member's batch failed after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed) + " ms: " + failure.getCause().getMessage());
            changes.await(() -> sender.members().size() == 2, WITHIN, () -> "the terminated member stayed listed");
        } finally {
            doomed.leave();
        }
    }

    @Test
    @Order(6)
    void whyNoMembersNamesTheAddressesAndTheFileWhenNoMemberRuns() throws IOException {
        int nobody = freePorts(2);
        Path file = writeConfig("pw-test-empty-" + UUID.randomUUID(), nobody, 2);
        RemoteUnitsComponent lonely = new RemoteUnitsComponent(new ClusterSettings(file, true,
                ClusterSettings.class.getClassLoader()));
        try {
            String before = lonely.whyNoMembers();
            assertTrue(before.contains("127.0.0.1:" + nobody + "-" + (nobody + 1)), before);

            lonely.addMembersListener(changes::signal);
            changes.await(() -> lonely.whyNoMembers().startsWith("No cluster member answered"), WITHIN,
                    () -> "still: " + lonely.whyNoMembers());

            assertTrue(lonely.members().isEmpty());
            String why = lonely.whyNoMembers();
            assertTrue(why.contains("127.0.0.1:" + nobody + "-" + (nobody + 1)) && why.contains(file.toString()), why);
            // Read once when the client started: the window asks on its UI thread, which must not read files.
            Files.delete(file);
            assertEquals(why, lonely.whyNoMembers());
        } finally {
            lonely.deactivate();
        }
    }

    /** The services as Declarative Services makes them; the member joins the cluster the property names. */
    @Test
    @Order(7)
    void declarativeServicesRegisterTheSenderAndAMemberOnceTheEngineOffersLocalUnits() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        RemoteUnits remote = service(context, RemoteUnits.class);
        assertFalse(remote.whyNoMembers().isEmpty(), "nothing started, yet members");

        System.setProperty(ClusterSettings.CONFIG_PROPERTY, settings.source());
        ServiceRegistration<LocalUnits> engine = context.registerService(LocalUnits.class, new FakeUnits("e"), null);
        try {
            ClusterMember member = service(context, ClusterMember.class);
            assertTrue(member.join().contains("(3 members)"), "joins the test cluster");
            changes.await(() -> sender.members().stream().anyMatch(m -> m.capacity() == 3
                    && m.address().equals("127.0.0.1:" + (firstPort + 2))), WITHIN, () -> "the DS member never showed");
            member.leave();
            changes.await(() -> sender.members().size() == 2, WITHIN, () -> "the DS member stayed after it left");
        } finally {
            engine.unregister();
            System.clearProperty(ClusterSettings.CONFIG_PROPERTY);
        }
    }

    // --- Fixtures

    /** Executes units as "name:x" for the unit's "x"; a unit with mode=block waits to be interrupted. */
    static final class FakeUnits implements LocalUnits {

        final String name;
        final AtomicInteger batches = new AtomicInteger();
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch interrupted = new CountDownLatch(1);
        /** Set by the member: the providers it tracks, as the engine would know them. */
        volatile Map<String, String> installed = Map.of();

        FakeUnits(String name) {
            this.name = name;
        }

        void arm() {
            entered = new CountDownLatch(1);
            interrupted = new CountDownLatch(1);
        }

        @Override
        public int capacity() {
            return 3;
        }

        @Override
        public BatchAnswer execute(UnitBatch batch) throws InterruptedException {
            batches.incrementAndGet();
            if (!batch.providerVersion().equals(installed.get(batch.providerId()))) {
                throw new IllegalArgumentException("Provider " + batch.providerId() + " " + batch.providerVersion()
                        + " is not installed on member " + name);
            }
            List<UnitResult> results = new ArrayList<>();
            for (WorkUnit unit : batch.units()) {
                if ("block".equals(unit.data().get("mode"))) {
                    entered.countDown();
                    try {
                        // Bounded: a batch that is never interrupted fails the test instead of hanging the member.
                        new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    throw new IllegalStateException("never interrupted");
                }
                results.add(new UnitResult(unit.index(), name + ":" + unit.get("x")));
            }
            return new BatchAnswer(results, null);
        }
    }

    private static ClusterMemberComponent member(FakeUnits units, WorkProvider... providers) {
        ClusterMemberComponent member = new ClusterMemberComponent(settings, units);
        for (WorkProvider provider : providers) {
            member.addProvider(provider);
        }
        units.installed = java.util.Arrays.stream(providers).map(WorkProvider::info)
                .collect(Collectors.toMap(ProviderInfo::id, ProviderInfo::version));
        return member;
    }

    private static WorkProvider provider(String id, String version) {
        return new WorkProvider() {
            private final ProviderInfo info = new ProviderInfo(id, id, "", version);

            @Override
            public ProviderInfo info() {
                return info;
            }

            @Override
            public WorkPlan plan(Parameters parameters) {
                throw new UnsupportedOperationException("not planned in these tests");
            }

            @Override
            public UnitResult execute(WorkUnit unit, UnitContext context) {
                throw new UnsupportedOperationException("executed through FakeUnits");
            }
        };
    }

    /** The listed member whose fake engine has this name (member "a" listens on the first port, "b" next...). */
    private static RemoteMember member(String name) {
        FakeUnits units = switch (name) {
            case "a" -> unitsA;
            case "b" -> unitsB;
            default -> null;
        };
        List<RemoteMember> members = sender.members();
        if (units != null) {
            String address = "127.0.0.1:" + (units == unitsA ? firstPort : firstPort + 1);
            return members.stream().filter(m -> m.address().equals(address)).findFirst()
                    .orElseThrow(() -> new AssertionError("member " + name + " is not listed: " + members));
        }
        return members.stream().filter(m -> m.address().equals("127.0.0.1:" + (firstPort + 2))).findFirst()
                .orElseThrow(() -> new AssertionError("member " + name + " is not listed: " + members));
    }

    private static UnitBatch batch(String provider, String version, String... xs) {
        List<WorkUnit> units = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            units.add(new WorkUnit(i, Map.of("x", xs[i])));
        }
        return new UnitBatch("run-1", provider, version, units);
    }

    private static UnitBatch blockingBatch() {
        return new UnitBatch("run-2", "primes", "1.0", List.of(new WorkUnit(0, Map.of("mode", "block", "x", "-"))));
    }

    private static BatchAnswer get(CompletableFuture<BatchAnswer> answer)
            throws InterruptedException, ExecutionException, TimeoutException {
        return answer.get(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(WITHIN.toMillis());
            assertNotNull(service, () -> type.getSimpleName() + " never registered");
            return service;
        } finally {
            // The service object stays usable: DS keeps the component while its bundle is active.
            tracker.close();
        }
    }

    /** The first of count consecutive ports free on loopback. */
    private static int freePorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new AssertionError("no " + count + " consecutive free ports on 127.0.0.1");
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** conf/hazelcast.yaml's settings, with this class's cluster name and port range. */
    private static Path writeConfig(String clusterName, int port, int portCount) throws IOException {
        Path file = folder.resolve(clusterName + ".yaml");
        Files.writeString(file, """
                hazelcast:
                  cluster-name: %s
                  properties:
                    hazelcast.phone.home.enabled: false
                    hazelcast.socket.bind.any: false
                    hazelcast.heartbeat.interval.seconds: 1
                    hazelcast.max.no.heartbeat.seconds: 5
                    hazelcast.wait.seconds.before.join: 0
                  network:
                    port:
                      auto-increment: true
                      port-count: %d
                      port: %d
                    interfaces:
                      enabled: true
                      interfaces:
                        - 127.0.0.1
                    join:
                      auto-detection:
                        enabled: false
                      multicast:
                        enabled: false
                      tcp-ip:
                        enabled: true
                        member-list:
                          - 127.0.0.1
                """.formatted(clusterName, portCount, port), StandardCharsets.UTF_8);
        return file;
    }
}
