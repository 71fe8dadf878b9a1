package org.parallelworkbench.install;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WorkerBundleChanges#perform} did.
 *
 * @param file      the jar written (install, update) or deleted (uninstall); empty when no file changed
 * @param worker    for an install or update, the bundle installed from {@code file} as last seen; empty when the
 *                  framework showed none
 * @param endedRuns the active runs the change ended, or asked to end
 * @param detail    why the file could not change, or why it was refused; empty otherwise
 * @param waited    how long it waited for the framework to show the change
 */
public record ChangeOutcome(PlannedChange change, Result result, Optional<Path> file, Optional<InstalledWorker> worker,
        List<EndedRun> endedRuns, String detail, Duration waited) {

    /** How it ended. */
    public enum Result {
        /** The file changed and the framework shows it: the bundle started, or is gone. */
        DONE,
        /** Nothing changed: the plan was refused, or it would end active runs and was not forced. */
        REFUSED,
        /** Nothing changed: the file could not be written or deleted. */
        FILE_ERROR,
        /** The file changed, but the framework did not show the bundle started (or gone) in time. */
        NOT_SETTLED
    }

    /**
     * An active run a forced change ended.
     *
     * @param ended true when it ended before the file changed; false when it was asked to and had not ended in
     *              time, or runs in another process, which cancels it as the provider goes
     */
    public record EndedRun(ActiveRun run, boolean ended) {

        public EndedRun {
            Objects.requireNonNull(run, "run");
        }
    }

    public ChangeOutcome {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(worker, "worker");
        endedRuns = List.copyOf(endedRuns);
        detail = Objects.requireNonNullElse(detail, "");
        Objects.requireNonNull(waited, "waited");
    }

    /** Nothing changed, for the reason given. */
    public static ChangeOutcome unchanged(PlannedChange change, Result result, String detail) {
        return new ChangeOutcome(change, result, Optional.empty(), Optional.empty(), List.of(), detail, Duration.ZERO);
    }

    public boolean done() {
        return result == Result.DONE;
    }

    /** Why the installed bundle does not work, as the framework's diagnostics found; empty when nothing failed. */
    public List<BundleProblem> failures() {
        return worker.map(InstalledWorker::failures).orElse(List.of());
    }
}
