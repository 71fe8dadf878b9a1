/**
 * Writing a run's final {@link org.parallelworkbench.core.ResultValue} to a file as CSV, JSON or PNG,
 * shared by the window's Export… and the command line's {@code --output}. {@link ResultExporters} lists
 * the exporters and picks one by file name or by the kind of result; every {@link ResultExporter} is
 * stateless and may be used from any thread.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.parallelworkbench.export;
