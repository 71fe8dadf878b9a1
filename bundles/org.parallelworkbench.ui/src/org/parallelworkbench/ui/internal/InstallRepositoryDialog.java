package org.parallelworkbench.ui.internal;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.parallelworkbench.viewmodel.InstallRepositoryViewModel;

/**
 * File &gt; Install Worker Bundle, once a p2 repository (folder or .zip) was chosen: the worker bundles Install
 * copies into the drop-in folder, and what is skipped. Install is enabled only when there is something to install
 * and no error; closing it without Install lets the {@link InstallRepositoryViewModel} delete what it extracted. Must be
 * created and used on the UI thread.
 */
final class InstallRepositoryDialog extends InstallDialog<InstallRepositoryViewModel> {

    private Label workersLabel;

    InstallRepositoryDialog(Shell parent, InstallRepositoryViewModel viewModel) {
        super(parent, viewModel, "Install Worker Bundles");
    }

    @Override
    void showReport(Composite body) {
        setTitle("Worker bundles of " + viewModel.repository().getFileName());
        setMessage("From " + viewModel.repository() + ". Install copies them into the drop-in folder; they start within"
                + " about 2 s.");
        workersLabel = field(body, "Installs:", lines(viewModel.workers(), "nothing"));
        field(body, "Skipped:", lines(viewModel.skipped(), "nothing"));
        field(body, "Problems:", lines(viewModel.problems(), "none"));
    }

    /** Null until the repository was read. */
    Label workersLabel() {
        return workersLabel;
    }
}
