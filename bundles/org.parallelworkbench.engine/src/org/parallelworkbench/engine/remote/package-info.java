/**
 * How an engine executes units outside its JVM on other machines, and executes units sent by another engine.
 * The cluster bundle registers {@link org.parallelworkbench.engine.remote.RemoteUnits} (the transport: which
 * members there are, and a batch sent to one of them); the engine registers
 * {@link org.parallelworkbench.engine.remote.LocalUnits} (what a member does with a batch it receives). Only the
 * plain-data records of this package cross between machines.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.parallelworkbench.engine.remote;
