/**
 * This JVM as part of a Hazelcast cluster for the engine: {@link org.parallelworkbench.cluster.ClusterMember}
 * makes it a member that executes batches sent by other machines. The bundle also registers the engine's
 * {@link org.parallelworkbench.engine.remote.RemoteUnits}, the side that sends batches to the members.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.parallelworkbench.cluster;
