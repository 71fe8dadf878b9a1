package org.parallelworkbench.viewmodel;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.list.IObservableList;
import org.eclipse.core.databinding.observable.list.WritableList;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.engine.remote.RemoteMember;
import org.parallelworkbench.engine.remote.RemoteUnits;

/**
 * The Cluster tab, and whether Run on: Cluster can take a run: the members the cluster bundle's {@link RemoteUnits}
 * reaches, with their capacity, providers and units done. Nothing joins the cluster before {@link #connect()}, which
 * the window calls when the tab is shown and which choosing Cluster in Run on calls, so a user who never uses the
 * cluster pays nothing for it. While no member is reachable, the form's Run on: Cluster is a problem that keeps
 * Start disabled and says why.
 * <p>
 * Threading: lives in one Realm; {@link #connect()}, {@link #remoteChanged} and {@link #dispose()} inside it.
 * Member changes arrive on the cluster bundle's thread through {@link #requestRefresh()}, coalesced: at most one
 * refresh waits in the Realm at a time.
 */
public final class ClusterViewModel {

    static final String NO_CLUSTER_BUNDLE = "the cluster bundle is not running";
    static final String NOT_CONNECTED = "Not connected to the cluster: choosing Run on: Cluster or opening this tab"
            + " looks for members.";
    static final String WORKING = "working";
    static final String IDLE = "idle";

    private final Realm realm;
    private final ParameterFormViewModel form;
    private final WritableList<ClusterMemberRow> members;
    private final WritableValue<String> summary;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final Runnable listener = this::requestRefresh;
    /** Realm only: the cluster bundle's service, null while there is none. */
    private RemoteUnits remote;
    /** Realm only: whether members are looked for (and listened to, while there is a service). */
    private boolean connected;

    ClusterViewModel(Realm realm, ParameterFormViewModel form) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.form = Objects.requireNonNull(form, "form");
        members = new WritableList<>(realm);
        summary = new WritableValue<>(realm, "", String.class);
        form.target().addValueChangeListener(event -> connectIfCluster());
        refresh();
        connectIfCluster();
    }

    /** The reachable members, by address. */
    public IObservableList<ClusterMemberRow> members() {
        return members;
    }

    /** One line above the members: how many and how big, or why there are none. */
    public IObservableValue<String> summary() {
        return summary;
    }

    /** Looks for members from now on: joins the cluster as a client if the product has not yet. */
    public void connect() {
        checkRealm();
        if (!connected) {
            connected = true;
            if (remote != null) {
                remote.addMembersListener(listener);
            }
            refresh();
        }
    }

    /** The cluster bundle's service came (or another replaced it), or went ({@code now} null). */
    public void remoteChanged(RemoteUnits now) {
        checkRealm();
        if (remote != null && connected) {
            remote.removeMembersListener(listener);
        }
        remote = now;
        if (remote != null && connected) {
            remote.addMembersListener(listener);
        }
        refresh();
    }

    /** The members changed; any thread. */
    public void requestRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            realm.asyncExec(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    /** Stops listening to the cluster; the connection itself belongs to the product. */
    public void dispose() {
        checkRealm();
        if (remote != null && connected) {
            remote.removeMembersListener(listener);
        }
        connected = false;
    }

    private void connectIfCluster() {
        if (form.target().getValue() == ExecutionTarget.CLUSTER) {
            connect();
        }
    }

    private void refresh() {
        List<RemoteMember> now = remote == null || !connected ? List.of()
                : remote.members().stream().sorted(Comparator.comparing(RemoteMember::address)).toList();
        List<ClusterMemberRow> rows = now.stream().map(member -> new ClusterMemberRow(member.address(),
                member.busy() ? WORKING : IDLE, member.capacity(), providersText(member), member.unitsDone())).toList();
        if (!rows.equals(members)) {
            members.clear();
            members.addAll(rows);
        }
        // Asked only once connected: before, the transport would read its configuration file for the answer.
        String why = remote != null && connected && now.isEmpty() ? remote.whyNoMembers() : "";
        form.clusterUnavailable().setValue(remote == null ? NO_CLUSTER_BUNDLE
                : connected && now.isEmpty() ? "no cluster member is reachable (" + why + ")" : "");
        summary.setValue(remote == null ? "No cluster: " + NO_CLUSTER_BUNDLE + "."
                : !connected ? NOT_CONNECTED
                : now.isEmpty() ? "No member is reachable: " + why
                : now.size() + (now.size() == 1 ? " member, " : " members, ")
                        + now.stream().mapToInt(RemoteMember::capacity).sum() + " units at once.");
    }

    private static String providersText(RemoteMember member) {
        return new TreeMap<>(member.providers()).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("Call the cluster view model inside its Realm");
        }
    }
}
