package org.parallelworkbench.ui.internal;

import java.util.Objects;

/**
 * One line of the About dialog: a part of the product and its version.
 *
 * @param kind    "Platform", "Provider" or "Runtime"
 * @param name    what the user knows it by
 * @param version its version
 * @param bundle  the bundle it comes from, {@code symbolic-name version}; empty for the runtime
 */
record AboutEntry(String kind, String name, String version, String bundle) {

    AboutEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        version = version == null ? "" : version;
        bundle = bundle == null ? "" : bundle;
    }
}
