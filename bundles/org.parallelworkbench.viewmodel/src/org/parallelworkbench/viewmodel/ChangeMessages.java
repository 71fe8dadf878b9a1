package org.parallelworkbench.viewmodel;

import java.util.List;

import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.ChangeOutcome;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.PlannedChange;
import org.parallelworkbench.install.PlannedChange.Kind;

/** What the status line says about a worker-bundle change while it happens and once it is done. Pure text. */
final class ChangeMessages {

    private ChangeMessages() {
    }

    /** "Uninstalling worker bundle x 1.0.0…", "Updating …", "Installing …". */
    static String underWay(PlannedChange plan) {
        String doing = switch (plan.kind()) {
            case INSTALL -> "Installing";
            case UPDATE -> "Updating";
            case UNINSTALL -> "Uninstalling";
        };
        return doing + " worker bundle " + plan.label() + "\u2026";
    }

    /** e.g. "Installed worker bundle x 1.0.0: provider primes", or why it did not work. */
    static String done(ChangeOutcome outcome) {
        PlannedChange plan = outcome.change();
        String label = plan.label();
        String newLabel = plan.symbolicName() + " " + plan.newVersion();
        return switch (outcome.result()) {
            case DONE -> switch (plan.kind()) {
                case INSTALL -> "Installed worker bundle " + label + providers(outcome);
                case UPDATE -> "Updated worker bundle " + label + " to " + plan.newVersion() + providers(outcome);
                // The file's name only: a status line elides a long path in its middle.
                case UNINSTALL -> "Uninstalled worker bundle " + label + "; deleted " + outcome.file().orElseThrow().getFileName();
            };
            case NOT_SETTLED -> plan.kind() == Kind.UNINSTALL
                    ? "Worker bundle " + label + " is still installed after " + outcome.waited().toSeconds() + " s"
                    : "Worker bundle " + newLabel + " did not start: " + whyNotStarted(outcome);
            case FILE_ERROR -> "Could not " + plan.kind().verb() + " worker bundle " + label + ": " + outcome.detail();
            case REFUSED -> "Worker bundle " + label + " was not " + plan.kind().participle() + ": " + outcome.detail();
        };
    }

    private static String providers(ChangeOutcome outcome) {
        List<String> ids = outcome.worker().map(InstalledWorker::providerIds).orElse(List.of());
        return ids.isEmpty() ? "" : ": " + (ids.size() == 1 ? "provider " : "providers ") + String.join(", ", ids);
    }

    private static String whyNotStarted(ChangeOutcome outcome) {
        List<BundleProblem> failures = outcome.failures();
        if (!failures.isEmpty()) {
            return failures.get(0).message();
        }
        return outcome.worker().map(worker -> "it is " + worker.state()).orElse("File Install did not install it")
                + " after " + outcome.waited().toSeconds() + " s; see the Log";
    }
}
