package org.parallelworkbench.ui.internal;

import java.util.List;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.parallelworkbench.viewmodel.InstallBundleViewModel;

/**
 * File &gt; Install Worker Bundle, once a jar was chosen: what the jar is (name, symbolic name, version,
 * vendor, declared providers, signature) and its warnings and errors, read before anything is installed.
 * Install is enabled only without errors; pressing it starts the copy through the
 * {@link InstallBundleViewModel} and closes the dialog, the window's status line saying how it went. Must
 * be created and used on the UI thread, inside the display's Realm.
 */
final class InstallBundleDialog extends InstallDialog<InstallBundleViewModel> {

    private Label nameLabel;
    private Label providersLabel;
    private Label signatureLabel;
    private Label problemsLabel;

    InstallBundleDialog(Shell parent, InstallBundleViewModel viewModel) {
        super(parent, viewModel, "Install Worker Bundle");
    }

    @Override
    void showReport(Composite body) {
        if (!viewModel.symbolicName().isEmpty()) {
            setTitle(viewModel.name());
        }
        setMessage("From " + viewModel.file() + ". Install copies it into the drop-in folder; it starts within about 2 s.");
        nameLabel = field(body, "Name:", viewModel.name());
        field(body, "Symbolic name:", viewModel.symbolicName());
        field(body, "Version:", viewModel.version());
        field(body, "Vendor:", viewModel.vendor());
        providersLabel = field(body, "Providers:", lines(viewModel.providers(), "none declared"));
        signatureLabel = field(body, "Signature:", viewModel.signature());
        problemsLabel = field(body, "Problems:", lines(problems(), "none"));
        if (!viewModel.errors().isEmpty()) {
            problemsLabel.setForeground(problemsLabel.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        }
    }

    private List<String> problems() {
        List<String> errors = viewModel.errors().stream().map(error -> "Error: " + error).toList();
        List<String> warnings = viewModel.warnings().stream().map(warning -> "Warning: " + warning).toList();
        return Stream.concat(errors.stream(), warnings.stream()).toList();
    }

    /** Null until the report shows, as are the other labels. */
    Label nameLabel() {
        return nameLabel;
    }

    Label signatureLabel() {
        return signatureLabel;
    }

    Label providersLabel() {
        return providersLabel;
    }

    Label problemsLabel() {
        return problemsLabel;
    }
}
