/**
 * The installed providers and the run history as text, for the command line and the console alike.
 */
package org.parallelworkbench.cli.internal.listing;
