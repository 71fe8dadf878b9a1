package org.parallelworkbench.viewmodel;

import java.util.Objects;

import org.parallelworkbench.install.InstalledWorker;

/**
 * One row of the Bundles view: an installed worker bundle, and whether it came from the product's
 * drop-in folder (only those can be updated or uninstalled from the window).
 */
public record WorkerBundleRow(InstalledWorker worker, boolean dropin) {

    public WorkerBundleRow {
        Objects.requireNonNull(worker, "worker");
    }

    public String symbolicName() {
        return worker.symbolicName();
    }

    public String version() {
        return worker.version();
    }

    public String state() {
        return worker.state();
    }

    /** The ids of its registered providers; else how many its components declare, none registered yet. */
    public String providersText() {
        if (!worker.providerIds().isEmpty()) {
            return String.join(", ", worker.providerIds());
        }
        int declared = worker.declaredProviders().size();
        return declared == 0 ? "" : "none registered (" + declared + " declared)";
    }

    /** "drop-in" or "product", for the user. */
    public String origin() {
        return dropin ? "drop-in" : "product";
    }
}
