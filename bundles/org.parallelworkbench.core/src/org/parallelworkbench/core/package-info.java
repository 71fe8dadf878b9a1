/**
 * The public API of Parallel Workbench: the provider SPI that worker bundles implement
 * ({@link org.parallelworkbench.core.WorkProvider}) and the {@link org.parallelworkbench.core.JobService}
 * through which the UI and headless callers start, observe and cancel runs.
 * <p>
 * Everything that crosses a run's boundary is plain data ({@link org.parallelworkbench.core.Parameters},
 * {@link org.parallelworkbench.core.WorkUnit}, {@link org.parallelworkbench.core.UnitResult}), never a
 * closure over engine state, so that units can later run in worker processes or on a cluster.
 */
@org.osgi.annotation.versioning.Version("0.5.0")
package org.parallelworkbench.core;
