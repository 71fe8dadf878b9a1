/**
 * Start-up of the headless modes: the component that reads the mode and the command line the launcher script
 * passes as framework properties, runs the command on a thread of its own and exits the JVM with its code.
 */
package org.parallelworkbench.cli.internal.launch;
