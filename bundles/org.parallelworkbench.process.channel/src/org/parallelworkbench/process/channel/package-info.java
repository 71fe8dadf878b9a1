/**
 * The messages between the engine and a worker process, and the {@link org.parallelworkbench.process.channel.MessageChannel}
 * that carries them as length-prefixed frames over a socket of their own, never over the process's stdout, which
 * a unit can write to at will. Only plain data crosses: provider id and version, units and their results,
 * failures as text. No Java serialization.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.parallelworkbench.process.channel;
