/**
 * The Felix Gogo commands of scope {@code pw}, for the console mode.
 */
package org.parallelworkbench.cli.internal.console;
