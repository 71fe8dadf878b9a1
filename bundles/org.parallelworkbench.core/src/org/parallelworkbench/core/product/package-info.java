/**
 * The product around the platform: the framework properties the launcher sets ({@link ProductProperties}) and
 * the folders of an unpacked product ({@link ProductHome}). Bundles read them from here rather than spelling
 * the names themselves; outside the product (tests, an embedding) the properties are absent.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.parallelworkbench.core.product;
