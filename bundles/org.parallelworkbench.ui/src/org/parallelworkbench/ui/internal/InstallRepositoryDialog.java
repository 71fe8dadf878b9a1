package org.parallelworkbench.ui.internal;

import java.util.List;
import java.util.Objects;

import org.eclipse.core.databinding.observable.sideeffect.ISideEffect;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.parallelworkbench.viewmodel.InstallRepositoryViewModel;

/**
 * File &gt; Install Worker Bundle, once a p2 repository (folder or .zip) was chosen: the worker bundles Install
 * copies into the drop-in folder, and what is skipped. Install is enabled only when there is something to install
 * and no error; closing it without Install lets the {@link InstallRepositoryViewModel} delete what it extracted. Must be created and
 * used on the UI thread.
 */
final class InstallRepositoryDialog extends TitleAreaDialog {

    private final InstallRepositoryViewModel viewModel;
    private ISideEffect installEnabled;
    private Label workersLabel;

    InstallRepositoryDialog(Shell parent, InstallRepositoryViewModel viewModel) {
        super(parent);
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Install Worker Bundles");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Worker bundles of " + viewModel.repository().getFileName());
        setMessage("From " + viewModel.repository() + ". Install copies them into the drop-in folder; they start within"
                + " about 2 s.");
        Composite body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).spacing(12, 6).applyTo(body);
        workersLabel = field(body, "Installs:", lines(viewModel.workers(), "nothing"));
        field(body, "Skipped:", lines(viewModel.skipped(), "nothing"));
        field(body, "Problems:", lines(viewModel.problems(), "none"));
        return area;
    }

    private static String lines(List<String> lines, String none) {
        return lines.isEmpty() ? none : String.join("\n", lines);
    }

    private static Label field(Composite body, String title, String value) {
        Label name = new Label(body, SWT.NONE);
        name.setText(title);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(name);
        Label text = new Label(body, SWT.WRAP);
        text.setText(value);
        GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).applyTo(text);
        return text;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Install", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected Control createContents(Composite parent) {
        Control contents = super.createContents(parent);
        String problem = viewModel.installProblem();
        setErrorMessage(problem.isEmpty() ? null : problem);
        Button install = getButton(IDialogConstants.OK_ID);
        installEnabled = ISideEffect.createPaused(viewModel.canInstall().getRealm(), () -> {
            boolean enabled = viewModel.canInstall().getValue();
            if (!install.isDisposed()) {
                install.setEnabled(enabled);
            }
        });
        installEnabled.resume();
        getShell().addDisposeListener(event -> installEnabled.dispose());
        return contents;
    }

    @Override
    protected void okPressed() {
        viewModel.install();
        super.okPressed();
    }

    /** Cancel, Escape or the window's close box: nothing is installed, and the extracted jars go. */
    @Override
    public boolean close() {
        viewModel.close();
        return super.close();
    }

    Button installButton() {
        return getButton(IDialogConstants.OK_ID);
    }

    Label workersLabel() {
        return workersLabel;
    }
}
