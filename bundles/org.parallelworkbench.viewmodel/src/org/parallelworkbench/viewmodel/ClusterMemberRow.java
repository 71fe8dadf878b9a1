package org.parallelworkbench.viewmodel;

import java.util.Objects;

/**
 * One row of the Cluster tab: a member as its last published info shows it.
 *
 * @param state         "working" while it executes batches (as it last published), else "idle"
 * @param capacity      how many units it executes at once
 * @param providersText its providers as "id version", comma-separated, by id
 * @param unitsDone     units it completed since it joined, for any machine's runs
 */
public record ClusterMemberRow(String address, String state, int capacity, String providersText, long unitsDone) {

    public ClusterMemberRow {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(providersText, "providersText");
    }
}
