package org.parallelworkbench.ui.internal;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.eclipse.core.databinding.observable.sideeffect.ISideEffect;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
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
final class InstallBundleDialog extends TitleAreaDialog {

    private final InstallBundleViewModel viewModel;
    private ISideEffect installEnabled;
    private Label nameLabel;
    private Label providersLabel;
    private Label signatureLabel;
    private Label problemsLabel;

    InstallBundleDialog(Shell parent, InstallBundleViewModel viewModel) {
        super(parent);
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Install Worker Bundle");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(viewModel.symbolicName().isEmpty() ? String.valueOf(viewModel.file().getFileName()) : viewModel.name());
        setMessage("From " + viewModel.file() + ". Install copies it into the drop-in folder; it starts within about 2 s.");
        Composite body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).spacing(12, 6).applyTo(body);
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
        return area;
    }

    private List<String> problems() {
        List<String> errors = viewModel.errors().stream().map(error -> "Error: " + error).toList();
        List<String> warnings = viewModel.warnings().stream().map(warning -> "Warning: " + warning).toList();
        return Stream.concat(errors.stream(), warnings.stream()).toList();
    }

    private static String lines(List<String> lines, String none) {
        return lines.isEmpty() ? none : String.join("\n", lines);
    }

    private static Label field(Composite body, String title, String value) {
        Label name = new Label(body, SWT.NONE);
        name.setText(title);
        name.setFont(JFaceResources.getDialogFont());
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
        // The ViewModel's own Realm: the dialog may open outside a Realm.runWithDefault block.
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

    Button installButton() {
        return getButton(IDialogConstants.OK_ID);
    }

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
