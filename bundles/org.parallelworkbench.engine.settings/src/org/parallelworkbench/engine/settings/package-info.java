/**
 * The engine's settings as the user sees and changes them: {@link EngineSettingsStore}, a service that applies
 * them to the running engine and keeps them in the product's {@code conf/} folder.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.parallelworkbench.engine.settings;
