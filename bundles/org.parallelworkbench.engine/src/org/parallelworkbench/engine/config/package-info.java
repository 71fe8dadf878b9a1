/**
 * The engine's configuration as other bundles and the shipped {@code conf/org.parallelworkbench.engine.cfg}
 * see it: its Config Admin PID, the keys and their defaults ({@link EngineConfiguration}).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.parallelworkbench.engine.config;
