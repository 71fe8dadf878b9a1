/**
 * Waiting for the started product: the framework at its start level, the engine, the journal, the install
 * bundle's services and the drop-ins File Install is installing.
 */
package org.parallelworkbench.cli.internal.startup;
