package org.parallelworkbench.viewmodel;

import java.util.Objects;

import org.parallelworkbench.install.PlannedChange;

/**
 * An uninstall or update the user asked for, as the install bundle planned it: refused (and why), or needing a
 * question because runs of the bundle's providers are active, or ready. Hand it back to
 * {@link WorkerBundlesViewModel#perform(BundleChangeRequest)} once the user confirmed.
 *
 * @param plan     what the install bundle planned; null when refused before planning (nothing selected, not a drop-in)
 * @param refusal  why it cannot be done; empty when it can
 * @param question what to ask the user first; empty when nothing needs asking
 */
public record BundleChangeRequest(WorkerBundleRow target, PlannedChange plan, String refusal, String question) {

    public BundleChangeRequest {
        refusal = Objects.requireNonNullElse(refusal, "");
        question = Objects.requireNonNullElse(question, "");
    }

    static BundleChangeRequest refused(WorkerBundleRow target, String why) {
        return new BundleChangeRequest(target, null, why, "");
    }

    public boolean refused() {
        return !refusal.isEmpty();
    }

    public boolean needsConfirmation() {
        return !question.isEmpty();
    }
}
