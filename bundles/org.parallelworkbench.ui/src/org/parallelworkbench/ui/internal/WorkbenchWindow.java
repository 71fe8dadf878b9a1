package org.parallelworkbench.ui.internal;

import java.util.Objects;

import org.eclipse.core.databinding.DataBindingContext;
import org.eclipse.core.databinding.UpdateValueStrategy;
import org.eclipse.core.databinding.observable.sideeffect.ISideEffect;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.databinding.swt.typed.WidgetProperties;
import org.eclipse.jface.databinding.viewers.ObservableListContentProvider;
import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.databinding.viewers.typed.ViewerProperties;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ComboViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.ApplicationWindow;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.viewmodel.CloseDecision;
import org.parallelworkbench.viewmodel.RunControlViewModel;
import org.parallelworkbench.viewmodel.RunRowViewModel;
import org.parallelworkbench.viewmodel.WorkbenchViewModel;

/**
 * The workbench window. Creates widgets and binds them to the {@link WorkbenchViewModel}; listeners
 * only call the ViewModel. Must be created and used on the UI thread, inside the display's Realm.
 */
public final class WorkbenchWindow extends ApplicationWindow {

    static final int CANCEL_ALL_ACCELERATOR = SWT.MOD1 | SWT.SHIFT | 'X';
    /** Share of the height below the controls that the result view gets; the Runs table has the rest. */
    private static final int[] RESULT_AND_RUNS_WEIGHTS = { 65, 35 };

    private final WorkbenchViewModel viewModel;
    private final CloseConfirmation closeConfirmation;
    private final IAction toggleAction;
    private final IAction cancelSelectedAction;
    private final IAction cancelAllAction;
    private DataBindingContext bindings;
    private ComboViewer providerViewer;
    private Text parameterText;
    private ControlDecoration parameterDecoration;
    private Button toggleButton;
    private Label valueLabel;
    private ResultView resultView;
    private RunsTable runsTable;

    public WorkbenchWindow(WorkbenchViewModel viewModel) {
        this(viewModel, CloseConfirmation.dialog());
    }

    WorkbenchWindow(WorkbenchViewModel viewModel, CloseConfirmation closeConfirmation) {
        super(null);
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.closeConfirmation = Objects.requireNonNull(closeConfirmation, "closeConfirmation");
        this.toggleAction = action("&Start/Stop", SWT.MOD1 | 'R', viewModel.run()::toggle);
        this.cancelSelectedAction = action("&Cancel\tEsc", SWT.NONE,
                () -> viewModel.runs().cancel((RunRowViewModel) runsTable.viewer().getStructuredSelection().getFirstElement()));
        this.cancelAllAction = action("Cancel &All", CANCEL_ALL_ACCELERATOR, viewModel.runs()::cancelAll);
        addMenuBar();
        addStatusLine();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(WorkbenchViewModel.TITLE);
    }

    @Override
    protected Point getInitialSize() {
        return new Point(760, 680);
    }

    @Override
    protected MenuManager createMenuManager() {
        MenuManager menuBar = new MenuManager();
        MenuManager file = new MenuManager("&File");
        file.add(action("E&xit", SWT.MOD1 | 'Q', this::close));
        MenuManager run = new MenuManager("&Run");
        run.add(toggleAction);
        run.add(cancelAllAction);
        run.add(action("&Refresh Providers", SWT.F5, viewModel::refreshProviders));
        menuBar.add(file);
        menuBar.add(run);
        return menuBar;
    }

    @Override
    protected Control createContents(Composite parent) {
        RunControlViewModel run = viewModel.run();
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(16, 16).spacing(12, 10).applyTo(body);

        new Label(body, SWT.NONE).setText("&Provider:");
        providerViewer = new ComboViewer(body, SWT.READ_ONLY | SWT.DROP_DOWN);
        providerViewer.setContentProvider(new ObservableListContentProvider<ProviderInfo>());
        providerViewer.setLabelProvider(LabelProvider.createTextProvider(p -> ((ProviderInfo) p).name()));
        providerViewer.setInput(viewModel.providers());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(providerViewer.getControl());

        Label description = new Label(body, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(500, SWT.DEFAULT).applyTo(description);

        new Label(body, SWT.NONE).setText("P&arameters:");
        parameterText = new Text(body, SWT.BORDER | SWT.SINGLE);
        parameterDecoration = new ControlDecoration(parameterText, SWT.LEFT | SWT.TOP);
        parameterDecoration.setImage(FieldDecorationRegistry.getDefault().getFieldDecoration(FieldDecorationRegistry.DEC_ERROR).getImage());
        GridDataFactory.fillDefaults().grab(true, false).indent(parameterDecoration.getImage().getBounds().width, 0)
                .applyTo(parameterText);

        // A push button whose label says what it will do: a pressed-looking toggle could disagree with
        // the run's real state while the engine confirms a stop.
        toggleButton = new Button(body, SWT.PUSH);
        toggleButton.addListener(SWT.Selection, event -> run.toggle());
        GridDataFactory.swtDefaults().hint(120, SWT.DEFAULT).align(SWT.BEGINNING, SWT.CENTER).applyTo(toggleButton);

        valueLabel = new Label(body, SWT.NONE);
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), valueLabel);
        valueLabel.setFont(resources.create(FontDescriptor.createFrom(JFaceResources.getDefaultFont()).setHeight(24).setStyle(SWT.BOLD)));
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(valueLabel);

        SashForm resultAndRuns = new SashForm(body, SWT.VERTICAL);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(SWT.DEFAULT, 420).applyTo(resultAndRuns);
        resultView = new ResultView(resultAndRuns);
        runsTable = new RunsTable(resultAndRuns, viewModel.runs(), cancelSelectedAction);
        resultAndRuns.setWeights(RESULT_AND_RUNS_WEIGHTS);

        bind(run, description);
        toggleButton.setFocus();
        return body;
    }

    private void bind(RunControlViewModel run, Label description) {
        bindings = new DataBindingContext();
        // Target first, then model. The selection and the parameters are the user's input; the rest only shows.
        bindings.bindValue(ViewerProperties.singleSelection(ProviderInfo.class).observe(providerViewer),
                viewModel.selectedProvider());
        bindings.bindValue(WidgetProperties.text(SWT.Modify).observe(parameterText), viewModel.parameterText());
        bindings.bindValue(WidgetProperties.message().observe(parameterText), viewModel.parameterHint(), neverToModel(), null);
        bindings.bindValue(WidgetProperties.text().observe(description), viewModel.providerDescription(), neverToModel(), null);
        bindings.bindValue(WidgetProperties.enabled().observe(providerViewer.getControl()), run.idle(), neverToModel(), null);
        bindings.bindValue(WidgetProperties.enabled().observe(parameterText), run.idle(), neverToModel(), null);
        bindings.bindValue(WidgetProperties.enabled().observe(toggleButton), run.canToggle(), neverToModel(), null);
        bindings.bindValue(WidgetProperties.text().observe(toggleButton), run.toggleLabel(), neverToModel(), null);
        bindings.bindValue(WidgetProperties.text().observe(valueLabel), run.latestValue(), neverToModel(), null);
        bindings.bindValue(WidgetProperties.text().observe(getShell()), viewModel.windowTitle(), neverToModel(), null);
        ISideEffect status = ISideEffect.create(run.statusLine()::getValue, this::setStatus);
        ISideEffect result = ISideEffect.create(run.result()::getValue, resultView::show);
        ISideEffect problems = ISideEffect.create(run.parameterProblems()::getValue, this::showParameterProblems);
        getShell().addDisposeListener(event -> {
            status.dispose();
            result.dispose();
            problems.dispose();
            bindings.dispose();
        });
    }

    private void showParameterProblems(String problems) {
        if (problems.isEmpty()) {
            parameterDecoration.hide();
        } else {
            parameterDecoration.setDescriptionText(problems);
            parameterDecoration.show();
        }
    }

    private static IAction action(String text, int accelerator, Runnable command) {
        Action action = new Action(text) {
            @Override
            public void run() {
                command.run();
            }
        };
        action.setAccelerator(accelerator);
        return action;
    }

    /** Widgets that only show ViewModel state never write it back. */
    private static <T> UpdateValueStrategy<T, T> neverToModel() {
        return new UpdateValueStrategy<>(UpdateValueStrategy.POLICY_NEVER);
    }

    /** The title bar's close button and File > Exit both end here. */
    @Override
    public boolean close() {
        Shell shell = getShell();
        if (shell != null && !shell.isDisposed() && !mayClose()) {
            return false;
        }
        return super.close();
    }

    private boolean mayClose() {
        CloseDecision decision = viewModel.closeRequested();
        if (decision instanceof CloseDecision.AskUser ask) {
            if (closeConfirmation.ask(getShell(), ask.question()) != CloseConfirmation.CANCEL_RUNS_AND_EXIT) {
                return false;
            }
            viewModel.cancelAllForExit();
        }
        return true;
    }

    ComboViewer providerViewer() {
        return providerViewer;
    }

    Text parameterText() {
        return parameterText;
    }

    ControlDecoration parameterDecoration() {
        return parameterDecoration;
    }

    Button toggleButton() {
        return toggleButton;
    }

    Label valueLabel() {
        return valueLabel;
    }

    ResultView resultView() {
        return resultView;
    }

    RunsTable runsTable() {
        return runsTable;
    }
}
