package org.parallelworkbench.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.core.databinding.DataBindingContext;
import org.eclipse.core.databinding.UpdateValueStrategy;
import org.eclipse.core.databinding.observable.sideeffect.ISideEffect;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.jface.databinding.swt.typed.WidgetProperties;
import org.eclipse.jface.databinding.viewers.typed.ViewerProperties;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ComboViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.viewmodel.PreferencesViewModel;

/**
 * Window &gt; Preferences: the engine's thread pool, run limit and extra drop-in folder, where runs left
 * to the engine execute, and the worker-process pool, bound to a {@link PreferencesViewModel}. Invalid
 * fields are decorated and OK is disabled until all are valid; OK applies through the ViewModel and closes
 * only when that succeeded. Every field has a mnemonic. Must be created and used on the UI thread, inside
 * the display's Realm.
 */
public final class PreferencesDialog extends TitleAreaDialog {

    static final int RESTORE_DEFAULTS_ID = IDialogConstants.CLIENT_ID + 1;
    private static final int TEXT_WIDTH = 220;

    /** Picks a folder for the Browse… button; the native dialog in the product, a stub in tests. */
    @FunctionalInterface
    interface FolderChooser {
        /** @return the chosen folder, or null when the user cancelled */
        String choose(Shell parent, String current);
    }

    private final PreferencesViewModel viewModel;
    private final FolderChooser folderChooser;
    private final List<ISideEffect> sideEffects = new ArrayList<>();
    /** Each typed field's error decoration, in the order the fields are shown. */
    private final Map<Text, ControlDecoration> decorations = new LinkedHashMap<>();
    /** Every field is indented by it, so that the markers line up and never cover a label. */
    private final int decorationWidth = ErrorDecoration.width();
    /** Field labels of every section, made as wide as the widest so that the fields line up. */
    private final List<Label> fieldLabels = new ArrayList<>();
    private DataBindingContext bindings;
    private Text poolSizeText;
    private Label effectivePoolSizeLabel;
    private Text maxConcurrentRunsText;
    private Text dropinFolderText;
    private Button browseButton;
    private ComboViewer shippedTargetViewer;
    private ComboViewer dropinTargetViewer;
    private Text processPoolSizeText;
    private Label effectiveProcessPoolSizeLabel;
    private Text processIdleSecondsText;
    private Text processMaxUnitsText;
    private Text processJvmOptionsText;

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
        GridLayoutFactory.swtDefaults().numColumns(1).margins(12, 12).spacing(12, 12).applyTo(body);
        Composite threads = section(body, null);
        createThreadSection(threads);
        Group targets = (Group) section(body, "Run on by default");
        createTargetSection(targets);
        createProcessSection(section(body, "Worker processes"));
        lineUp(threads, targets);
        return area;
    }

    /** Labels as wide as the widest, and the ungrouped fields inset as the grouped ones, so that all line up. */
    private void lineUp(Composite ungrouped, Group group) {
        int labelWidth = fieldLabels.stream().mapToInt(label -> label.computeSize(SWT.DEFAULT, SWT.DEFAULT).x).max().orElse(0);
        fieldLabels.forEach(label -> ((GridData) label.getLayoutData()).widthHint = labelWidth);
        Rectangle trim = group.computeTrim(0, 0, 0, 0);
        GridLayout inGroup = (GridLayout) group.getLayout();
        GridLayout layout = (GridLayout) ungrouped.getLayout();
        layout.marginLeft = -trim.x + inGroup.marginWidth + inGroup.marginLeft;
        layout.marginRight = trim.width + trim.x + inGroup.marginWidth + inGroup.marginRight;
    }

    private void createThreadSection(Composite section) {
        poolSizeText = field(section, "&Worker pool size:", null, 1);
        poolSizeText.setMessage("0 = one per processor");
        effectivePoolSizeLabel = hint(section, "");
        maxConcurrentRunsText = field(section, "&Maximum concurrent runs:", null, 2);
        dropinFolderText = field(section, "E&xtra drop-in folder:", null, 1);
        dropinFolderText.setMessage("none: only the product's dropins folder");
        browseButton = new Button(section, SWT.PUSH);
        browseButton.setText("&Browse\u2026");
        browseButton.addListener(SWT.Selection, event -> browse());
    }

    private void createTargetSection(Composite section) {
        shippedTargetViewer = targetChoice(section, "Bu&ndled providers:", PreferencesViewModel.SHIPPED_TARGET_HELP);
        dropinTargetViewer = targetChoice(section, "Dr&op-in providers:", PreferencesViewModel.DROPIN_TARGET_HELP);
    }

    private void createProcessSection(Composite section) {
        processPoolSizeText = field(section, "&Processes in total:", "Worker JVMs in total, for all runs.", 1);
        processPoolSizeText.setMessage("0 = one per processor");
        effectiveProcessPoolSizeLabel = hint(section, "");
        processIdleSecondsText = field(section, "&Idle time before a process ends:",
                "A worker process idle this long ends; a later run starts a fresh one.", 1);
        hint(section, "seconds; 0 = never");
        processMaxUnitsText = field(section, "Replace a process &after:",
                "A process that executed this many units is replaced by a fresh one, against state that leaks from"
                        + " unit to unit.", 1);
        hint(section, "units; 0 = never");
        processJvmOptionsText = field(section, "&JVM options:", "Options of every worker JVM, separated by spaces, without"
                + " quotes, as in conf/org.parallelworkbench.engine.cfg. A process is reused only by runs that would start"
                + " it with the same options. Options for one provider: processJvmOptions.<provider id> in that file.", 2);
        processJvmOptionsText.setMessage("none: the JVM's defaults");
    }

    /** Three columns: label, field, hint or button. With a title, a group. */
    private static Composite section(Composite body, String title) {
        Composite section;
        if (title == null) {
            section = new Composite(body, SWT.NONE);
            GridLayoutFactory.fillDefaults().numColumns(3).spacing(12, 8).applyTo(section);
        } else {
            Group group = new Group(body, SWT.NONE);
            group.setText(title);
            GridLayoutFactory.swtDefaults().numColumns(3).spacing(12, 8).applyTo(group);
            section = group;
        }
        GridDataFactory.fillDefaults().grab(true, false).applyTo(section);
        return section;
    }

    private Label fieldLabel(Composite section, String text, String toolTip) {
        Label label = new Label(section, SWT.NONE);
        label.setText(text);
        label.setToolTipText(toolTip);
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(label);
        fieldLabels.add(label);
        return label;
    }

    /**
     * A label and a decorated text spanning the columns, indented by the decoration's width. A one-column text
     * keeps its width so that the hints after it line up in every section; a wider one fills the row.
     */
    private Text field(Composite section, String label, String toolTip, int columns) {
        fieldLabel(section, label, toolTip);
        Text text = new Text(section, SWT.BORDER | SWT.SINGLE);
        text.setToolTipText(toolTip);
        decorations.put(text, ErrorDecoration.on(text));
        GridDataFactory.fillDefaults().grab(columns > 1, false).span(columns, 1).hint(TEXT_WIDTH, SWT.DEFAULT)
                .indent(decorationWidth, 0).applyTo(text);
        return text;
    }

    private static Label hint(Composite section, String text) {
        Label hint = new Label(section, SWT.NONE);
        hint.setText(text);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(hint);
        return hint;
    }

    private ComboViewer targetChoice(Composite section, String label, String toolTip) {
        fieldLabel(section, label, toolTip);
        ComboViewer viewer = new ComboViewer(section, SWT.READ_ONLY | SWT.DROP_DOWN);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return ((ExecutionTarget) element).label();
            }
        });
        viewer.setInput(PreferencesViewModel.TARGET_CHOICES);
        viewer.getCombo().setToolTipText(toolTip);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.BEGINNING, SWT.CENTER).indent(decorationWidth, 0)
                .applyTo(viewer.getCombo());
        return viewer;
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
        // Target first, then model: texts and drop-downs are the user's input, the rest only shows ViewModel state.
        bindText(poolSizeText, viewModel.poolSize(), viewModel.poolSizeProblem());
        bindText(maxConcurrentRunsText, viewModel.maxConcurrentRuns(), viewModel.maxConcurrentRunsProblem());
        bindText(dropinFolderText, viewModel.dropinFolder(), viewModel.dropinFolderProblem());
        bindings.bindValue(ViewerProperties.singleSelection(ExecutionTarget.class).observe(shippedTargetViewer),
                viewModel.shippedTarget());
        bindings.bindValue(ViewerProperties.singleSelection(ExecutionTarget.class).observe(dropinTargetViewer),
                viewModel.dropinTarget());
        bindText(processPoolSizeText, viewModel.processPoolSize(), viewModel.processPoolSizeProblem());
        bindText(processIdleSecondsText, viewModel.processIdleSeconds(), viewModel.processIdleSecondsProblem());
        bindText(processMaxUnitsText, viewModel.processMaxUnits(), viewModel.processMaxUnitsProblem());
        bindText(processJvmOptionsText, viewModel.processJvmOptions(), viewModel.processJvmOptionsProblem());
        bindings.bindValue(WidgetProperties.text().observe(effectivePoolSizeLabel), viewModel.effectivePoolSize(),
                neverToModel(), null);
        bindings.bindValue(WidgetProperties.text().observe(effectiveProcessPoolSizeLabel),
                viewModel.effectiveProcessPoolSize(), neverToModel(), null);
        bindings.bindValue(WidgetProperties.enabled().observe(getButton(IDialogConstants.OK_ID)), viewModel.canApply(),
                neverToModel(), null);
        sideEffects.add(ISideEffect.create(viewModel.problem()::getValue,
                problem -> setErrorMessage(problem.isEmpty() ? null : problem)));
        getShell().addDisposeListener(event -> {
            sideEffects.forEach(ISideEffect::dispose);
            bindings.dispose();
        });
    }

    private void bindText(Text text, IObservableValue<String> value, IObservableValue<String> problem) {
        bindings.bindValue(WidgetProperties.text(SWT.Modify).observe(text), value);
        ControlDecoration decoration = decorations.get(text);
        sideEffects.add(ISideEffect.create(problem::getValue, description -> {
            if (description.isEmpty()) {
                decoration.hide();
            } else {
                decoration.setDescriptionText(description);
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

    ComboViewer shippedTargetViewer() {
        return shippedTargetViewer;
    }

    ComboViewer dropinTargetViewer() {
        return dropinTargetViewer;
    }

    Text processPoolSizeText() {
        return processPoolSizeText;
    }

    Label effectiveProcessPoolSizeLabel() {
        return effectiveProcessPoolSizeLabel;
    }

    Text processIdleSecondsText() {
        return processIdleSecondsText;
    }

    Text processMaxUnitsText() {
        return processMaxUnitsText;
    }

    Text processJvmOptionsText() {
        return processJvmOptionsText;
    }

    /** The error decoration of one of this dialog's texts. */
    ControlDecoration decoration(Text text) {
        return decorations.get(text);
    }

    ControlDecoration poolSizeDecoration() {
        return decoration(poolSizeText);
    }

    ControlDecoration maxConcurrentRunsDecoration() {
        return decoration(maxConcurrentRunsText);
    }

    ControlDecoration dropinFolderDecoration() {
        return decoration(dropinFolderText);
    }
}
