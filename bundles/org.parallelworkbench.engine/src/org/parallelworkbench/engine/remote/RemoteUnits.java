package org.parallelworkbench.engine.remote;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Members of a cluster that execute units, as a service of the bundle that talks to them; the engine sends the
 * units of runs on {@link org.parallelworkbench.core.ExecutionTarget#CLUSTER} through it.
 * <p>
 * Threading: every method is thread-safe and returns at once.
 */
@ConsumerType
public interface RemoteUnits {

    /**
     * Starts joining the cluster if not joined yet (nothing is paid for the cluster before the first call), and
     * tells the listener, on a thread of this service's, whenever the members change, until it is removed.
     */
    void addMembersListener(Runnable listener);

    void removeMembersListener(Runnable listener);

    /** The members reachable now, empty while none is (or before {@link #addMembersListener}). */
    List<RemoteMember> members();

    /**
     * Why no member is reachable, for users, e.g. "No cluster member answered at 127.0.0.1:5701-5720
     * (conf/hazelcast.yaml)"; empty while members are reachable.
     */
    String whyNoMembers();

    /**
     * Sends a batch to a member. The future completes with the member's answer, or exceptionally with a
     * {@link MemberLeftException} if the member left before answering, or with another exception if the member
     * could not execute the batch (e.g. its provider was removed meanwhile). Cancelling the future with
     * {@code cancel(true)} interrupts the batch on the member.
     */
    CompletableFuture<BatchAnswer> execute(RemoteMember member, UnitBatch batch);
}
