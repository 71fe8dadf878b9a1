package org.parallelworkbench.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.core.databinding.DataBindingContext;
import org.eclipse.core.databinding.UpdateValueStrategy;
import org.eclipse.core.databinding.observable.sideeffect.ISideEffect;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.jface.databinding.swt.typed.WidgetProperties;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.parallelworkbench.viewmodel.PreferencesViewModel;

/**
 * Window &gt; Preferences: the engine's pool size, run limit and an extra drop-in folder, bound to a
 * {@link PreferencesViewModel}. Invalid fields are decorated and OK is disabled until all are valid; OK
 * applies through the ViewModel and closes only when that succeeded. Must be created and used on the UI
 * thread, inside the display's Realm.
 */
public final class PreferencesDialog extends TitleAreaDialog {

    static final int RESTORE_DEFAULTS_ID = IDialogConstants.CLIENT_ID + 1;

    /** Picks a folder for the Browse… button; the native dialog in the product, a stub in tests. */
    @FunctionalInterface
    interface FolderChooser {
        /** @return the chosen folder, or null when the user cancelled */
        String choose(Shell parent, String current);
    }

    private final PreferencesViewModel viewModel;
    private final FolderChooser folderChooser;
    private final List<ISideEffect> sideEffects = new ArrayList<>();
    private DataBindingContext bindings;
    private Text poolSizeText;
    private Label effectivePoolSizeLabel;
    private Text maxConcurrentRunsText;
    private Text dropinFolderText;
    private Button browseButton;
    private ControlDecoration poolSizeDecoration;
    private ControlDecoration maxConcurrentRunsDecoration;
    private ControlDecoration dropinFolderDecoration;

    public PreferencesDialog(Shell parent, PreferencesViewModel viewModel) {
        this(parent, viewModel, PreferencesDialog::chooseWithDirectoryDialog);
    }

    PreferencesDialog(Shell parent, PreferencesViewModel viewModel, FolderChooser folderChooser) {
        super(parent);
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.folderChooser = Objects.requireNonNull(folderChooser, "folderChooser");
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Preferences");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Engine");
        setMessage("Applied to the running engine at once; active runs go on. Kept for the next start.");
        Composite body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.swtDefaults().numColumns(3).margins(12, 12).spacing(12, 8).applyTo(body);

        new Label(body, SWT.NONE).setText("&Worker pool size:");
        poolSizeText = new Text(body, SWT.BORDER | SWT.SINGLE);
        poolSizeDecoration = errorDecoration(poolSizeText);
        poolSizeText.setMessage("0 = one per processor");
        layoutField(poolSizeText, poolSizeDecoration, 1);
        effectivePoolSizeLabel = new Label(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(effectivePoolSizeLabel);

        new Label(body, SWT.NONE).setText("&Maximum concurrent runs:");
        maxConcurrentRunsText = new Text(body, SWT.BORDER | SWT.SINGLE);
        maxConcurrentRunsDecoration = errorDecoration(maxConcurrentRunsText);
        layoutField(maxConcurrentRunsText, maxConcurrentRunsDecoration, 2);

        new Label(body, SWT.NONE).setText("Extra &drop-in folder:");
        dropinFolderText = new Text(body, SWT.BORDER | SWT.SINGLE);
        dropinFolderText.setMessage("none: only the product's dropins folder");
        dropinFolderDecoration = errorDecoration(dropinFolderText);
        layoutField(dropinFolderText, dropinFolderDecoration, 1);
        browseButton = new Button(body, SWT.PUSH);
        browseButton.setText("&Browse\u2026");
        browseButton.addListener(SWT.Selection, event -> browse());
        return area;
    }

    private static ControlDecoration errorDecoration(Text text) {
        ControlDecoration decoration = new ControlDecoration(text, SWT.LEFT | SWT.TOP);
        decoration.setImage(FieldDecorationRegistry.getDefault().getFieldDecoration(FieldDecorationRegistry.DEC_ERROR).getImage());
        decoration.hide();
        return decoration;
    }

    private static void layoutField(Text text, ControlDecoration decoration, int columns) {
        GridDataFactory.fillDefaults().grab(true, false).span(columns, 1).hint(220, SWT.DEFAULT)
                .indent(decoration.getImage().getBounds().width, 0).applyTo(text);
    }

    private void browse() {
        String chosen = folderChooser.choose(getShell(), dropinFolderText.getText());
        if (chosen != null) {
            dropinFolderText.setText(chosen); // bound: reaches the ViewModel like typing
        }
    }

    private static String chooseWithDirectoryDialog(Shell parent, String current) {
        DirectoryDialog dialog = new DirectoryDialog(parent);
        dialog.setText("Extra drop-in folder");
        dialog.setMessage("Worker bundles (.jar) put into this folder are installed while the product runs.");
        dialog.setFilterPath(current);
        return dialog.open();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, RESTORE_DEFAULTS_ID, "Restore &Defaults", false);
        super.createButtonsForButtonBar(parent);
    }

    @Override
    protected Control createContents(Composite parent) {
        Control contents = super.createContents(parent);
        bind();
        return contents;
    }

    private void bind() {
        bindings = new DataBindingContext();
        // Target first, then model: the texts are the user's input, the rest only shows ViewModel state.
        bindings.bindValue(WidgetProperties.text(SWT.Modify).observe(poolSizeText), viewModel.poolSize());
        bindings.bindValue(WidgetProperties.text(SWT.Modify).observe(maxConcurrentRunsText), viewModel.maxConcurrentRuns());
        bindings.bindValue(WidgetProperties.text(SWT.Modify).observe(dropinFolderText), viewModel.dropinFolder());
        bindings.bindValue(WidgetProperties.text().observe(effectivePoolSizeLabel), viewModel.effectivePoolSize(),
                neverToModel(), null);
        bindings.bindValue(WidgetProperties.enabled().observe(getButton(IDialogConstants.OK_ID)), viewModel.canApply(),
                neverToModel(), null);
        decorate(poolSizeDecoration, viewModel.poolSizeProblem());
        decorate(maxConcurrentRunsDecoration, viewModel.maxConcurrentRunsProblem());
        decorate(dropinFolderDecoration, viewModel.dropinFolderProblem());
        sideEffects.add(ISideEffect.create(viewModel.problem()::getValue,
                problem -> setErrorMessage(problem.isEmpty() ? null : problem)));
        getShell().addDisposeListener(event -> {
            sideEffects.forEach(ISideEffect::dispose);
            bindings.dispose();
        });
    }

    private void decorate(ControlDecoration decoration, IObservableValue<String> problem) {
        sideEffects.add(ISideEffect.create(problem::getValue, text -> {
            if (text.isEmpty()) {
                decoration.hide();
            } else {
                decoration.setDescriptionText(text);
                decoration.show();
            }
        }));
    }

    /** Widgets that only show ViewModel state never write it back. */
    private static <T> UpdateValueStrategy<T, T> neverToModel() {
        return new UpdateValueStrategy<>(UpdateValueStrategy.POLICY_NEVER);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == RESTORE_DEFAULTS_ID) {
            viewModel.restoreDefaults();
        } else {
            super.buttonPressed(buttonId);
        }
    }

    /** Closes only once the settings were applied; a failure stays visible in the title area. */
    @Override
    protected void okPressed() {
        if (viewModel.apply()) {
            super.okPressed();
        }
    }

    Button okButton() {
        return getButton(IDialogConstants.OK_ID);
    }

    Button restoreDefaultsButton() {
        return getButton(RESTORE_DEFAULTS_ID);
    }

    Text poolSizeText() {
        return poolSizeText;
    }

    Label effectivePoolSizeLabel() {
        return effectivePoolSizeLabel;
    }

    Text maxConcurrentRunsText() {
        return maxConcurrentRunsText;
    }

    Text dropinFolderText() {
        return dropinFolderText;
    }

    Button browseButton() {
        return browseButton;
    }

    ControlDecoration poolSizeDecoration() {
        return poolSizeDecoration;
    }

    ControlDecoration maxConcurrentRunsDecoration() {
        return maxConcurrentRunsDecoration;
    }

    ControlDecoration dropinFolderDecoration() {
        return dropinFolderDecoration;
    }
}
