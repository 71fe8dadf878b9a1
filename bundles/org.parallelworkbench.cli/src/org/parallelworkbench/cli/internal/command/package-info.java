/**
 * What every command shares: its exit codes, where it writes, and how a usage error is told.
 */
package org.parallelworkbench.cli.internal.command;
