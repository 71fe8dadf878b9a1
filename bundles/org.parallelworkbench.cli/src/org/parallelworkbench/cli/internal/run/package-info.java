/**
 * {@code run} and the progress of runs: the request, the command that starts one run and waits for it, and the
 * progress shown on stderr and by {@code pw:runs}.
 */
package org.parallelworkbench.cli.internal.run;
