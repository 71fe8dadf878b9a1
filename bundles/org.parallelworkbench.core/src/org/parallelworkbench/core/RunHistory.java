package org.parallelworkbench.core;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The journal of runs, kept across restarts of the product. Thread-safe; reads never block on writes for long. */
@ProviderType
public interface RunHistory {

    /** Every recorded run, oldest first. */
    List<RunRecord> records();
}
