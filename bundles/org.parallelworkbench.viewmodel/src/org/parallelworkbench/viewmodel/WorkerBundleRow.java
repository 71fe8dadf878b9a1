package org.parallelworkbench.viewmodel;

import java.util.Objects;
import java.util.Optional;

import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;

/**
 * One row of the Bundles view: an installed worker bundle and the folder File Install installed it from
 * (only such bundles can be updated or uninstalled from the window).
 *
 * @param dropin whether that folder is the product's drop-in folder
 * @param folder the watched folder holding its jar: the product's or an extra one; empty for a bundle that
 *               ships with the product
 */
public record WorkerBundleRow(InstalledWorker worker, boolean dropin, Optional<DropinFolder> folder) {

    public WorkerBundleRow {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(folder, "folder");
    }

    public String symbolicName() {
        return worker.symbolicName();
    }

    public String version() {
        return worker.version();
    }

    /** The bundle's state as the table shows it, e.g. "ACTIVE". */
    public String state() {
        return worker.state().name();
    }

    /** The ids of its registered providers; else how many its components declare, none registered yet. */
    public String providersText() {
        if (!worker.providerIds().isEmpty()) {
            return String.join(", ", worker.providerIds());
        }
        int declared = worker.declaredProviders().size();
        return declared == 0 ? "" : "none registered (" + declared + " declared)";
    }

    /** "drop-in", "extra drop-in" (from a folder added in Preferences) or "product", for the user. */
    public String origin() {
        return dropin ? "drop-in" : folder.isPresent() ? "extra drop-in" : "product";
    }
}
