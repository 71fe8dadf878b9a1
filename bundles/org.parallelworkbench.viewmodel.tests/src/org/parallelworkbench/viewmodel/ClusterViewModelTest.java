package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.engine.remote.BatchAnswer;
import org.parallelworkbench.engine.remote.RemoteMember;
import org.parallelworkbench.engine.remote.RemoteUnits;
import org.parallelworkbench.engine.remote.UnitBatch;
import org.parallelworkbench.testing.FakeJobService;

/**
 * The Cluster tab and Run on: Cluster, without a display or a cluster: members as rows, Start disabled with the
 * reason while none is reachable, nothing joined before the user asks, and a flood of member changes coalesced.
 */
class ClusterViewModelTest {

    private static final String WHY = "No cluster member answered at 127.0.0.1:5701-5720 (conf/hazelcast.yaml)";

    private final QueueRealm realm = new QueueRealm();
    private final FakeJobService jobs = new FakeJobService(TestProviders.TICKER);
    private final FakeRemoteUnits remote = new FakeRemoteUnits();

    private WorkbenchViewModel workbench() {
        WorkbenchViewModel workbench = new WorkbenchViewModel(realm, jobs, new InMemoryParameterMemory(), Runnable::run);
        workbench.selectedProvider().setValue(TestProviders.TICKER);
        return workbench;
    }

    /** Members as the cluster bundle reports them; counts listeners, as joining is what they cost. */
    static final class FakeRemoteUnits implements RemoteUnits {
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();
        volatile List<RemoteMember> members = List.of();
        /** The real transport reads its configuration file to answer before it connects. */
        final AtomicInteger askedWhy = new AtomicInteger();

        void set(RemoteMember... now) {
            members = List.of(now);
            listeners.forEach(Runnable::run);
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
            return members;
        }

        @Override
        public String whyNoMembers() {
            askedWhy.incrementAndGet();
            return members.isEmpty() ? WHY : "";
        }

        @Override
        public CompletableFuture<BatchAnswer> execute(RemoteMember member, UnitBatch batch) {
            throw new UnsupportedOperationException("the window sends no batch itself");
        }
    }

    private static RemoteMember member(String address, long unitsDone) {
        return member(address, unitsDone, false);
    }

    private static RemoteMember member(String address, long unitsDone, boolean busy) {
        return new RemoteMember("id-" + address, address, 4, Map.of("ticker", "1.0.0", "primes", "0.1.0"), unitsDone, busy);
    }

    @Test
    void nothingJoinsTheClusterUntilTheTabOrRunOnAsksForIt() {
        WorkbenchViewModel workbench = workbench();
        workbench.cluster().remoteChanged(remote);

        assertTrue(remote.listeners.isEmpty(), "joined before anyone asked");
        assertEquals(ClusterViewModel.NOT_CONNECTED, workbench.cluster().summary().getValue());
        assertTrue(workbench.canStart().getValue(), "Run on: Default must not wait for the cluster");
        assertEquals(0, remote.askedWhy.get(), "asked the transport why before connecting");

        workbench.form().target().setValue(ExecutionTarget.CLUSTER);

        assertEquals(1, remote.listeners.size(), "choosing Cluster looks for members");
    }

    @Test
    void withoutReachableMembersRunOnClusterDisablesStartSayingWhyAndAMemberEnablesIt() {
        WorkbenchViewModel workbench = workbench();
        workbench.cluster().remoteChanged(remote);
        workbench.form().target().setValue(ExecutionTarget.CLUSTER);

        assertFalse(workbench.canStart().getValue());
        assertEquals("Cannot start: Run on: no cluster member is reachable (" + WHY + ")", workbench.statusLine().getValue());
        assertEquals("No member is reachable: " + WHY, workbench.cluster().summary().getValue());

        remote.set(member("127.0.0.1:5702", 0), member("127.0.0.1:5701", 0));
        realm.drain();

        assertTrue(workbench.canStart().getValue());
        assertEquals("", workbench.form().targetProblem().getValue());
        assertEquals("2 members, 8 units at once.", workbench.cluster().summary().getValue());
        assertEquals(List.of(new ClusterMemberRow("127.0.0.1:5701", ClusterViewModel.IDLE, 4, "primes 0.1.0, ticker 1.0.0", 0),
                new ClusterMemberRow("127.0.0.1:5702", ClusterViewModel.IDLE, 4, "primes 0.1.0, ticker 1.0.0", 0)),
                workbench.cluster().members());

        workbench.form().target().setValue(ExecutionTarget.THREADS);
        remote.set();
        realm.drain();
        assertTrue(workbench.canStart().getValue(), "only Run on: Cluster needs members");
    }

    @Test
    void aMemberIsWorkingWhileItSaysItIsBusyAndShowsItsUnitsDone() {
        WorkbenchViewModel workbench = workbench();
        workbench.cluster().remoteChanged(remote);
        workbench.cluster().connect();

        remote.set(member("127.0.0.1:5701", 250, true));
        realm.drain();
        assertEquals(List.of(new ClusterMemberRow("127.0.0.1:5701", ClusterViewModel.WORKING, 4, "primes 0.1.0, ticker 1.0.0",
                250)), workbench.cluster().members());

        remote.set(member("127.0.0.1:5701", 300, false));
        realm.drain();
        assertEquals(ClusterViewModel.IDLE, workbench.cluster().members().get(0).state());
        assertEquals(300, workbench.cluster().members().get(0).unitsDone());
    }

    @Test
    void withoutTheClusterBundleRunOnClusterSaysSoAndTheTabToo() {
        WorkbenchViewModel workbench = workbench();

        workbench.form().target().setValue(ExecutionTarget.CLUSTER);

        assertFalse(workbench.canStart().getValue());
        assertEquals("the cluster bundle is not running", workbench.form().targetProblem().getValue());
        assertEquals("No cluster: the cluster bundle is not running.", workbench.cluster().summary().getValue());

        workbench.cluster().remoteChanged(remote);
        assertEquals(1, remote.listeners.size(), "the bundle came while Cluster was chosen: it listens now");
        workbench.cluster().remoteChanged(null);
        assertTrue(remote.listeners.isEmpty(), "the bundle went: its service is no longer listened to");
    }

    @Test
    void aFloodOfMemberChangesQueuesOneRefreshAtATime() {
        WorkbenchViewModel workbench = workbench();
        workbench.cluster().remoteChanged(remote);
        workbench.cluster().connect();

        for (int i = 0; i < 1_000; i++) {
            remote.set(member("127.0.0.1:5701", i));
        }

        assertEquals(1, realm.queued());
        realm.drain();
        assertEquals(999, workbench.cluster().members().get(0).unitsDone());
    }
}
