/**
 * Worker bundles in a running product, and the one owner of their life cycle. the {@link WorkerBundles#inspect} service method
 * tells what a jar file is before it is installed (name, version, vendor, declared providers, signature,
 * problems), {@link WorkerBundles#readRepository} finds the worker bundles of a p2 repository folder or zip, the
 * {@link WorkerBundles} service lists the worker bundles installed (with their {@link BundleState} and why they
 * failed) and the {@link DropinFolder}s File Install watches, and the {@link WorkerBundleChanges} service plans and
 * performs installs, updates and uninstalls. Bad bundles (unresolved imports, a provider SPI the platform does not
 * provide, a failing activator or component) are also reported by this bundle as one error line each through
 * {@link System.Logger}.
 */
@org.osgi.annotation.versioning.Version("0.3.0")
package org.parallelworkbench.install;
