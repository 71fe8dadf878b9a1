/**
 * Installing and uninstalling worker bundles, through the install bundle's {@code WorkerBundleChanges} service,
 * and their arguments and text.
 */
package org.parallelworkbench.cli.internal.workers;
