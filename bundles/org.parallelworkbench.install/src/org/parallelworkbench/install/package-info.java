/**
 * Worker bundles in a running product: {@link WorkerBundleInspector} tells what a jar file is before it
 * is installed (name, version, vendor, declared providers, signature, problems), {@link RepositoryWorkers}
 * finds the worker bundles of a p2 repository folder or zip, and the
 * {@link WorkerBundles} service lists the worker bundles installed and the {@link DropinFolder}s File Install
 * watches. Bad bundles (unresolved imports, a
 * provider SPI the platform does not provide, a failing activator or component) are reported by this
 * bundle as one warning or error line each through {@link System.Logger}.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.parallelworkbench.install;
