package org.parallelworkbench.viewmodel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.parallelworkbench.install.ActiveRun;
import org.parallelworkbench.install.PlannedChange;
import org.parallelworkbench.install.PlannedChange.Kind;

/**
 * An uninstall or update the user asked for, as the install bundle planned it: refused (and why), or needing a
 * question because runs of the bundle's providers are active, or ready. Hand it back to
 * {@link WorkerBundlesViewModel#perform(BundleChangeRequest)} once the user confirmed.
 *
 * @param plan     what the install bundle planned; null when refused before planning (nothing selected, not a drop-in)
 * @param refusal  why it cannot be done; empty when it can
 */
public record BundleChangeRequest(WorkerBundleRow target, PlannedChange plan, String refusal) {

    public BundleChangeRequest {
        refusal = Objects.requireNonNullElse(refusal, "");
    }

    static BundleChangeRequest refused(WorkerBundleRow target, String why) {
        return new BundleChangeRequest(target, null, why);
    }

    /** What to ask the user first: the plan ends active runs; empty when nothing needs asking. */
    public String question() {
        return refused() || !plan.endsRuns() ? "" : question(plan.kind(), plan.activeRuns());
    }

    public boolean refused() {
        return !refusal.isEmpty();
    }

    public boolean needsConfirmation() {
        return !refused() && plan.endsRuns();
    }

    /**
     * "2 runs of Primes are active. Cancel them and uninstall, or keep the bundle?"; runs of other processes are
     * counted too and said to be there: "... are active, 1 of them in another Parallel Workbench process. ...".
     */
    private static String question(Kind kind, List<ActiveRun> runs) {
        Set<String> providers = runs.stream().map(ActiveRun::providerName).collect(Collectors.toCollection(LinkedHashSet::new));
        long elsewhere = runs.stream().filter(run -> !run.inThisProcess()).count();
        int count = runs.size();
        String active = count == 1 ? "1 run of " + String.join(" and ", providers) + " is active"
                : count + " runs of " + String.join(" and ", providers) + " are active";
        String where = elsewhere == 0 ? ""
                : count == 1 ? " in another Parallel Workbench process"
                        : ", " + elsewhere + " of them in another Parallel Workbench process";
        return active + where + ". Cancel " + (count == 1 ? "it" : "them") + " and " + kind.verb() + ", or keep the bundle?";
    }
}
