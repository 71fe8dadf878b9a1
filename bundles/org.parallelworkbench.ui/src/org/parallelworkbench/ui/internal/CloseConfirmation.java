package org.parallelworkbench.ui.internal;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/** Asks the user whether to cancel active runs and exit. Called on the UI thread. */
@FunctionalInterface
interface CloseConfirmation {

    int CANCEL_RUNS_AND_EXIT = 0;
    int KEEP_RUNNING = 1;

    /** @return {@link #CANCEL_RUNS_AND_EXIT} or {@link #KEEP_RUNNING} */
    int ask(Shell parent, String question);

    /** The real question, as a dialog whose default (Enter, Esc) is the safe answer: keep running. */
    static CloseConfirmation dialog() {
        return (parent, question) -> {
            MessageDialog dialog = new MessageDialog(parent, "Runs are still active", null, question,
                    MessageDialog.QUESTION, KEEP_RUNNING, "&Cancel Runs and Exit", "&Keep Running");
            int answer = dialog.open();
            return answer == CANCEL_RUNS_AND_EXIT ? CANCEL_RUNS_AND_EXIT : KEEP_RUNNING;
        };
    }
}
