package org.parallelworkbench.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An install, update or uninstall of a worker bundle, checked before anything changes: refused (and why), or
 * possible, possibly ending the active runs of the bundle's providers. Made by {@link WorkerBundleChanges}; hand it
 * back to {@link WorkerBundleChanges#perform} to do it.
 *
 * @param version      the installed version an update or uninstall changes; for an install, the new one
 * @param replacement  the checked jar an install or update copies; null for an uninstall
 * @param folder       the watched folder whose file changes: an update or uninstall acts where the bundle's jar is,
 *                     an install in the product's drop-in folder; empty when refused for want of one
 * @param jar          the jar an update replaces or an uninstall deletes; empty for an install
 * @param providerIds  the providers of the bundle that changes, registered now
 * @param activeRuns   their runs active now, in this and other product processes: the change ends them, so it is
 *                     refused unless forced
 * @param refusal      why it cannot be done at all; empty when it can
 */
public record PlannedChange(Kind kind, String symbolicName, String version, WorkerBundleReport replacement,
        Optional<DropinFolder> folder, Optional<Path> jar, List<String> providerIds, List<ActiveRun> activeRuns,
        Optional<Refusal> refusal) {

    /** What changes, with the words a user reads. */
    public enum Kind {
        INSTALL("install", "installed"), UPDATE("update", "updated"), UNINSTALL("uninstall", "uninstalled");

        private final String verb;
        private final String participle;

        Kind(String verb, String participle) {
            this.verb = verb;
            this.participle = participle;
        }

        public String verb() {
            return verb;
        }

        public String participle() {
            return participle;
        }
    }

    /** Why a change cannot be done, and a sentence saying so. */
    public record Refusal(Reason reason, String message) {

        /** The kinds of refusal, for callers that answer them differently (e.g. with an exit code). */
        public enum Reason {
            /** The jar has errors; its report lists them. */
            NOT_INSTALLABLE,
            /** An update's jar is another bundle than the one to update. */
            OTHER_BUNDLE,
            /** The product has no drop-in folder to install into. */
            NO_DROPIN_FOLDER,
            /** Only bundles installed from a watched folder can be updated or uninstalled. */
            NOT_A_DROPIN,
            /** The watched folders could not be read. */
            UNREADABLE_FOLDER
        }

        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    public PlannedChange {
        Objects.requireNonNull(kind, "kind");
        symbolicName = Objects.requireNonNullElse(symbolicName, "");
        version = Objects.requireNonNullElse(version, "");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(jar, "jar");
        providerIds = List.copyOf(providerIds);
        activeRuns = List.copyOf(activeRuns);
        Objects.requireNonNull(refusal, "refusal");
    }

    /** A change refused before anything was looked at beyond what it names. */
    public static PlannedChange refused(Kind kind, String symbolicName, String version, WorkerBundleReport replacement,
            Refusal.Reason reason, String message) {
        return new PlannedChange(kind, symbolicName, version, replacement, Optional.empty(), Optional.empty(), List.of(),
                List.of(), Optional.of(new Refusal(reason, message)));
    }

    public boolean refused() {
        return refusal.isPresent();
    }

    /** Possible, but it ends active runs: ask the user, or refuse unless forced. */
    public boolean endsRuns() {
        return !refused() && !activeRuns.isEmpty();
    }

    /** "com.example.primes 1.0.0": the bundle as it is now (as it will be, for an install). */
    public String label() {
        return symbolicName + " " + version;
    }

    /** The version an install or update brings; empty for an uninstall. */
    public String newVersion() {
        return replacement == null ? "" : replacement.bundleVersion();
    }

    /** What the runs a forced change cancels in this process are told, naming the bundle. */
    public String cancelReason() {
        return "Worker bundle " + label() + " is being " + kind.participle()
                + (kind == Kind.UPDATE ? " to " + newVersion() : "");
    }
}
