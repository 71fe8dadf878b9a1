package org.parallelworkbench.viewmodel;

import java.util.List;
import java.util.Objects;

import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.install.WorkerBundleReport;

/**
 * An uninstall or update the user asked for, checked before anything changes: refused (and why), or
 * needing a question because runs of the bundle's providers are active, or ready. Hand it back to
 * {@link WorkerBundlesViewModel#perform(BundleChangeRequest)} once the user confirmed.
 *
 * @param replacement the checked jar an update installs; null for an uninstall
 * @param activeRuns  runs of the bundle's providers active in this process when it was asked for
 * @param runsElsewhere runs of the bundle's providers active in other product processes, as the run journal showed
 *                    them; their process cancels them as the provider goes
 * @param refusal     why it cannot be done; empty when it can
 * @param question    what to ask the user first; empty when nothing needs asking
 */
public record BundleChangeRequest(Kind kind, WorkerBundleRow target, WorkerBundleReport replacement,
        List<RunHandle> activeRuns, List<RunRecord> runsElsewhere, String refusal, String question) {

    /** What is asked for, with the word the user reads. */
    public enum Kind {
        UNINSTALL("uninstall", "uninstalled"), UPDATE("update", "updated");

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

    public BundleChangeRequest {
        Objects.requireNonNull(kind, "kind");
        activeRuns = List.copyOf(activeRuns);
        runsElsewhere = List.copyOf(runsElsewhere);
        refusal = Objects.requireNonNullElse(refusal, "");
        question = Objects.requireNonNullElse(question, "");
    }

    static BundleChangeRequest refused(Kind kind, WorkerBundleRow target, String why) {
        return new BundleChangeRequest(kind, target, null, List.of(), List.of(), why, "");
    }

    public boolean refused() {
        return !refusal.isEmpty();
    }

    public boolean needsConfirmation() {
        return !question.isEmpty();
    }
}
