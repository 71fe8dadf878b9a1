package org.parallelworkbench.ui.internal;

import java.util.List;
import java.util.Objects;

import org.eclipse.core.databinding.observable.ObservableTracker;
import org.eclipse.core.databinding.observable.sideeffect.ISideEffect;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.parallelworkbench.viewmodel.InstallViewModel;

/**
 * File &gt; Install Worker Bundle once a file was chosen: says "Reading …" while its {@link InstallViewModel} reads
 * the file off the UI thread, then shows what the subclass makes of the report, with Install enabled only when the
 * ViewModel allows it. Install starts the copy and closes the dialog, the window's status line saying how it went;
 * any other way of closing it (Cancel, Escape, the close box, the window going) lets the ViewModel discard what it
 * read. Must be created and used on the UI thread, whose display Realm is the ViewModel's.
 *
 * @param <V> the ViewModel of the kind of file
 */
abstract class InstallDialog<V extends InstallViewModel<?>> extends TitleAreaDialog {

    /** Wide enough for a provider's component and class names on one line. */
    private static final int TEXT_WIDTH_HINT = 520;

    final V viewModel;
    private final String shellTitle;
    private Composite body;
    private Label readingLabel;
    private ISideEffect installEnabled;
    private ISideEffect showRead;

    InstallDialog(Shell parent, V viewModel, String shellTitle) {
        super(parent);
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.shellTitle = Objects.requireNonNull(shellTitle, "shellTitle");
    }

    /** Fills the body (two columns) with what was read, and sets the title and message; the file was read. */
    abstract void showReport(Composite body);

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(shellTitle);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(String.valueOf(viewModel.file().getFileName()));
        setMessage("From " + viewModel.file() + ".");
        body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).spacing(12, 6).applyTo(body);
        readingLabel = new Label(body, SWT.WRAP);
        readingLabel.setText(viewModel.readingMessage());
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(TEXT_WIDTH_HINT, SWT.DEFAULT).applyTo(readingLabel);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Install", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected Control createContents(Composite parent) {
        Control contents = super.createContents(parent);
        Button install = getButton(IDialogConstants.OK_ID);
        // A resumed side effect first runs later, from the event loop: until then Install must not be enabled.
        install.setEnabled(viewModel.canInstall().getValue());
        // The ViewModel's own Realm: the dialog may open outside a Realm.runWithDefault block.
        installEnabled = ISideEffect.createPaused(viewModel.canInstall().getRealm(), () -> {
            boolean enabled = viewModel.canInstall().getValue();
            if (!install.isDisposed()) {
                install.setEnabled(enabled);
            }
        });
        installEnabled.resume();
        showRead = ISideEffect.createPaused(viewModel.reading().getRealm(), () -> {
            if (!viewModel.reading().getValue() && readingLabel != null && !body.isDisposed()) {
                ObservableTracker.runAndIgnore(this::showRead);
            }
        });
        showRead.resume();
        getShell().addDisposeListener(event -> {
            installEnabled.dispose();
            showRead.dispose();
            viewModel.close();
        });
        return contents;
    }

    /** Replaces "Reading …" with the report, or with why the file could not be read, and grows the shell to fit. */
    private void showRead() {
        readingLabel.dispose();
        readingLabel = null;
        if (viewModel.isRead()) {
            showReport(body);
        } else {
            field(body, "Problems:", viewModel.installProblem());
        }
        Dialog.applyDialogFont(body);
        String problem = viewModel.installProblem();
        setErrorMessage(problem.isEmpty() ? null : problem);
        Shell shell = getShell();
        Point wanted = shell.computeSize(SWT.DEFAULT, SWT.DEFAULT, true);
        Point now = shell.getSize();
        shell.setSize(Math.max(now.x, wanted.x), Math.max(now.y, wanted.y));
        shell.layout(true, true);
    }

    @Override
    protected void okPressed() {
        viewModel.install();
        super.okPressed();
    }

    /** The body shows the report, not "Reading …". */
    boolean showsReport() {
        return readingLabel == null;
    }

    Button installButton() {
        return getButton(IDialogConstants.OK_ID);
    }

    /** "Reading …" while the file is read; null once what was read shows. */
    Label readingLabel() {
        return readingLabel;
    }

    static String lines(List<String> lines, String none) {
        return lines.isEmpty() ? none : String.join("\n", lines);
    }

    static Label field(Composite body, String title, String value) {
        Label name = new Label(body, SWT.NONE);
        name.setText(title);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(name);
        Label text = new Label(body, SWT.WRAP);
        text.setText(value);
        GridDataFactory.fillDefaults().grab(true, false).hint(TEXT_WIDTH_HINT, SWT.DEFAULT).applyTo(text);
        return text;
    }
}
