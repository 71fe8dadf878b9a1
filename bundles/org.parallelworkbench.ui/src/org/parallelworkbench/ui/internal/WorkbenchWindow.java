package org.parallelworkbench.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.core.databinding.DataBindingContext;
import org.eclipse.core.databinding.UpdateValueStrategy;
import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.sideeffect.ISideEffect;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.jface.databinding.swt.typed.WidgetProperties;
import org.eclipse.jface.databinding.viewers.typed.ViewerProperties;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.window.ApplicationWindow;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.install.WorkerBundles;
import org.parallelworkbench.viewmodel.BundleChangeRequest;
import org.parallelworkbench.viewmodel.CloseDecision;
import org.parallelworkbench.viewmodel.PreferencesViewModel;
import org.parallelworkbench.viewmodel.RunRowViewModel;
import org.parallelworkbench.viewmodel.WorkbenchViewModel;
import org.parallelworkbench.viewmodel.WorkerBundleRow;
import org.parallelworkbench.viewmodel.ParameterFormViewModel;
import org.parallelworkbench.viewmodel.WorkerBundlesViewModel;

/**
 * The workbench window: the providers on the left; on the right the selected provider's parameter form,
 * Start and Stop, the selected run's value and result, and the Runs, Log, Bundles and Cluster tabs. Creates widgets and binds
 * them to the {@link WorkbenchViewModel}; listeners only call the ViewModel. Must be created and used on
 * the UI thread.
 */
public final class WorkbenchWindow extends ApplicationWindow {

    static final int START_ACCELERATOR = SWT.MOD1 | 'R';
    /** Eclipse's Terminate key. */
    static final int STOP_ACCELERATOR = SWT.MOD1 | SWT.F2;
    static final int CANCEL_ALL_ACCELERATOR = SWT.MOD1 | SWT.SHIFT | 'X';
    static final int EXPORT_ACCELERATOR = SWT.MOD1 | 'E';
    static final Point INITIAL_SIZE = new Point(1040, 760);
    private static final int[] PROVIDERS_AND_WORK_WEIGHTS = { 25, 75 };
    private static final int[] RESULT_AND_RUNS_WEIGHTS = { 62, 38 };

    private final WorkbenchViewModel viewModel;
    private final CloseConfirmation closeConfirmation;
    private final WindowServices services;
    private final IAction exportAction;
    private final IAction preferencesAction;
    private final IAction installBundleAction;
    private final IAction showInLogAction;
    private final IAction clearLogAction;
    private final IAction startAction;
    private final IAction stopAction;
    private final IAction cancelSelectedAction;
    private final IAction cancelAllAction;
    private final IAction removeEndedAction;
    private final List<ISideEffect> sideEffects = new ArrayList<>();
    private Realm realm;
    private DataBindingContext bindings;
    private ProvidersList providersList;
    private ParameterForm parameterForm;
    private Button startButton;
    private CLabel statusLine;
    private Button stopButton;
    private ResultView resultView;
    private RunsTable runsTable;
    private CTabFolder bottomTabs;
    private LogView logView;
    private CTabItem logTab;
    private BundlesView bundlesView;
    private ClusterView clusterView;
    private CTabItem clusterTab;

    public WorkbenchWindow(WorkbenchViewModel viewModel) {
        this(viewModel, CloseConfirmation.dialog(), WindowServices.NONE);
    }

    WorkbenchWindow(WorkbenchViewModel viewModel, CloseConfirmation closeConfirmation) {
        this(viewModel, closeConfirmation, WindowServices.NONE);
    }

    WorkbenchWindow(WorkbenchViewModel viewModel, CloseConfirmation closeConfirmation, WindowServices services) {
        super(null);
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.closeConfirmation = Objects.requireNonNull(closeConfirmation, "closeConfirmation");
        this.services = Objects.requireNonNull(services, "services");
        startAction = action("&Start", START_ACCELERATOR, viewModel::start);
        stopAction = action("S&top", STOP_ACCELERATOR, viewModel::stop);
        cancelSelectedAction = action("&Cancel\tEsc", SWT.NONE, viewModel.runs()::cancelSelected);
        cancelAllAction = action("Cancel &All", CANCEL_ALL_ACCELERATOR, viewModel.runs()::cancelAll);
        removeEndedAction = action("&Remove Ended Runs", SWT.NONE, viewModel.runs()::removeEnded);
        exportAction = action("&Export Result\u2026", EXPORT_ACCELERATOR, this::exportResult);
        showInLogAction = action("Show in &Log", SWT.MOD1 | 'L', this::showSelectedRunInLog);
        clearLogAction = action("C&lear Log", SWT.NONE, viewModel.log()::clear);
        preferencesAction = action("&Preferences\u2026", SWT.NONE, this::openPreferences);
        preferencesAction.setEnabled(services.settingsStore() != null);
        installBundleAction = action("&Install Worker Bundle\u2026", SWT.NONE, this::installWorkerBundle);
        installBundleAction.setEnabled(services.workerBundles() != null && services.workerBundles().canInstall());
        addMenuBar();
        addToolBar(SWT.FLAT | SWT.RIGHT);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(WorkbenchViewModel.TITLE);
    }

    @Override
    protected Point getInitialSize() {
        return new Point(INITIAL_SIZE.x, INITIAL_SIZE.y);
    }

    /**
     * Always applies the initial size. GTK resizes the shell while the menu bar is made, and JFace takes any
     * resize before opening for the user's and keeps the shell's tiny natural size.
     */
    @Override
    protected void initializeBounds() {
        Point size = getInitialSize();
        Point location = getInitialLocation(size);
        getShell().setBounds(getConstrainedShellBounds(new Rectangle(location.x, location.y, size.x, size.y)));
    }

    @Override
    protected MenuManager createMenuManager() {
        MenuManager menuBar = new MenuManager();
        MenuManager file = new MenuManager("&File");
        file.add(exportAction);
        file.add(installBundleAction);
        file.add(new Separator());
        file.add(action("E&xit", SWT.MOD1 | 'Q', this::close));
        MenuManager run = new MenuManager("&Run");
        run.add(startAction);
        run.add(stopAction);
        run.add(cancelAllAction);
        run.add(new Separator());
        run.add(showInLogAction);
        run.add(removeEndedAction);
        run.add(action("Restore &Default Parameters", SWT.NONE, viewModel.form()::restoreDefaults));
        run.add(action("Re&fresh Providers", SWT.F5, viewModel::refreshProviders));
        MenuManager window = new MenuManager("&Window");
        window.add(clearLogAction);
        window.add(new Separator());
        window.add(preferencesAction);
        MenuManager help = new MenuManager("&Help");
        help.add(action("&About " + WorkbenchViewModel.TITLE, SWT.NONE,
                () -> new AboutDialog(getShell(), services.aboutEntries().get()).open()));
        menuBar.add(file);
        menuBar.add(run);
        menuBar.add(window);
        menuBar.add(help);
        return menuBar;
    }

    @Override
    protected ToolBarManager createToolBarManager(int style) {
        ToolBarManager toolBar = new ToolBarManager(style);
        toolBar.add(startAction);
        toolBar.add(stopAction);
        toolBar.add(cancelAllAction);
        toolBar.add(new Separator());
        toolBar.add(exportAction);
        return toolBar;
    }

    @Override
    protected Control createContents(Composite parent) {
        realm = DisplayRealm.getRealm(parent.getDisplay());
        bindings = new DataBindingContext(realm);
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(body);
        SashForm providersAndWork = new SashForm(body, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(providersAndWork);
        providersList = new ProvidersList(providersAndWork, viewModel);

        Composite work = new Composite(providersAndWork, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(1).margins(12, 8).spacing(8, 8).applyTo(work);
        Label heading = new Label(work, SWT.NONE);
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), heading);
        heading.setFont(resources.create(FontDescriptor.createFrom(JFaceResources.getDefaultFont()).setStyle(SWT.BOLD)));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(heading);
        Label description = new Label(work, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(500, SWT.DEFAULT).applyTo(description);

        Group parameters = new Group(work, SWT.NONE);
        parameters.setText("Parameters");
        GridLayoutFactory.swtDefaults().applyTo(parameters);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(parameters);
        parameterForm = new ParameterForm(parameters, viewModel.form());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(parameterForm.control());

        Composite controls = new Composite(work, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 0).applyTo(controls);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(controls);
        // Push buttons whose labels say what they do: Start always starts another run, Stop stops the selected one.
        startButton = button(controls, "&Start", viewModel::start);
        stopButton = button(controls, "S&top", viewModel::stop);

        SashForm resultAndRuns = new SashForm(work, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 360).applyTo(resultAndRuns);
        resultView = new ResultView(resultAndRuns);
        bottomTabs = new CTabFolder(resultAndRuns, SWT.BORDER | SWT.FLAT);
        runsTable = new RunsTable(bottomTabs, viewModel.runs(), cancelSelectedAction, showInLogAction,
                List.of(cancelSelectedAction, showInLogAction, removeEndedAction));
        tab("Runs", runsTable.control());
        logView = new LogView(bottomTabs, viewModel.log());
        logTab = tab("Log", logView.control());
        WorkerBundlesViewModel bundles = services.workerBundles();
        if (bundles != null) {
            bundlesView = new BundlesView(bottomTabs, bundles, this::updateSelectedBundle, this::uninstallSelectedBundle);
            tab("Bundles", bundlesView.control());
        }
        clusterView = new ClusterView(bottomTabs, viewModel.cluster());
        clusterTab = tab("Cluster", clusterView.control());
        bottomTabs.setSelection(0);
        // Errors are seen once the Log tab shows them; members are looked for once the Cluster tab shows.
        bottomTabs.addListener(SWT.Selection, event -> {
            if (bottomTabs.getSelection() == logTab) {
                viewModel.log().markErrorsSeen();
            } else if (bottomTabs.getSelection() == clusterTab) {
                viewModel.cluster().connect();
            }
        });
        resultAndRuns.setWeights(RESULT_AND_RUNS_WEIGHTS);
        providersAndWork.setWeights(PROVIDERS_AND_WORK_WEIGHTS);

        // A label rather than JFace's status line, whose cancel button loads an SVG image: a second of start-up.
        statusLine = new CLabel(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(statusLine);

        bind(heading, description);
        getShell().setDefaultButton(startButton);
        return body;
    }

    private CTabItem tab(String title, Control control) {
        CTabItem item = new CTabItem(bottomTabs, SWT.NONE);
        item.setText(title);
        item.setControl(control);
        return item;
    }

    /** Double-click, Enter or Ctrl+L on a run: its entries in the Log tab, a failure's cause selected. */
    private void showSelectedRunInLog() {
        viewModel.showSelectedRunInLog();
        bottomTabs.setSelection(logTab);
        viewModel.log().markErrorsSeen();
    }

    private void bind(Label heading, Label description) {
        // Target first, then model. The selections are the user's input; the rest only shows.
        bindings.bindValue(ViewerProperties.singleSelection(ProviderInfo.class).observe(providersList.viewer()),
                viewModel.selectedProvider());
        bindings.bindValue(ViewerProperties.singleSelection(RunRowViewModel.class).observe(runsTable.viewer()),
                viewModel.runs().selection());
        show(WidgetProperties.text().observe(heading), viewModel.providerHeading());
        show(WidgetProperties.text().observe(description), viewModel.providerDescription());
        show(WidgetProperties.enabled().observe(startButton), viewModel.canStart());
        show(WidgetProperties.enabled().observe(stopButton), viewModel.canStop());
        show(WidgetProperties.text().observe(resultView.valueLabel()), viewModel.latestValue());
        show(WidgetProperties.text().observe(getShell()), viewModel.windowTitle());
        sideEffect(viewModel.canStart()::getValue, startAction::setEnabled);
        sideEffect(viewModel.canStop()::getValue, stopAction::setEnabled);
        sideEffect(() -> viewModel.runs().activeCount().getValue() > 0, cancelAllAction::setEnabled);
        sideEffect(viewModel.statusLine()::getValue, status -> {
            statusLine.setText(status);
            statusLine.setToolTipText(status); // the whole of a message the label shortens
        });
        sideEffect(viewModel.export().canExport()::getValue, exportAction::setEnabled);
        sideEffect(viewModel.log().unseenErrors()::getValue, unseen -> logTab.setText(unseen == 0 ? "Log" : "Log (" + unseen + ")"));
        sideEffect(() -> {
            RunRowViewModel selected = viewModel.runs().selection().getValue();
            return selected == null ? null : selected.result().getValue();
        }, (ResultValue result) -> resultView.show(result));
        bindBundles();
        show(WidgetProperties.text().observe(clusterView.summary()), viewModel.cluster().summary());
        sideEffect(viewModel.form().targetProblem()::getValue,
                problem -> parameterForm.runOn().combo().setToolTipText(problem.isEmpty() ? ParameterFormViewModel.TARGET_HELP
                        : "Cannot run here now: " + problem + "\n\n" + ParameterFormViewModel.TARGET_HELP));
        getShell().addDisposeListener(event -> {
            sideEffects.forEach(ISideEffect::dispose);
            bindings.dispose();
            viewModel.cluster().dispose();
        });
    }

    private void bindBundles() {
        WorkerBundlesViewModel bundles = services.workerBundles();
        if (bundlesView == null) {
            return;
        }
        bindings.bindValue(ViewerProperties.singleSelection(WorkerBundleRow.class).observe(bundlesView.viewer()), bundles.selection());
        show(WidgetProperties.enabled().observe(bundlesView.updateButton()), bundles.canChange());
        show(WidgetProperties.enabled().observe(bundlesView.uninstallButton()), bundles.canChange());
        show(WidgetProperties.text().observe(bundlesView.hint()), bundles.hint());
        sideEffect(bundles.changeRefusal()::getValue, refusal -> {
            bundlesView.updateButton().setToolTipText(refusal.isEmpty() ? null : refusal);
            bundlesView.uninstallButton().setToolTipText(refusal.isEmpty() ? null : refusal);
        });
    }

    /** Widgets that only show ViewModel state never write it back. */
    private <T> void show(IObservableValue<T> target, IObservableValue<T> model) {
        bindings.bindValue(target, model, new UpdateValueStrategy<>(UpdateValueStrategy.POLICY_NEVER), null);
    }

    /** Reruns {@code consumer} with what {@code supplier} reads, whenever an observable it read changes. */
    private <T> void sideEffect(Supplier<T> supplier, java.util.function.Consumer<T> consumer) {
        ISideEffect effect = ISideEffect.createPaused(realm, () -> consumer.accept(supplier.get()));
        effect.resume();
        sideEffects.add(effect);
    }

    /** Asks where to, then lets the ViewModel write off the UI thread; the status line says how it went. */
    private void exportResult() {
        List<String> extensions = viewModel.export().extensions();
        if (extensions.isEmpty()) {
            return;
        }
        FileDialog dialog = new FileDialog(getShell(), SWT.SAVE);
        dialog.setText("Export Result");
        dialog.setOverwrite(true);
        dialog.setFileName(viewModel.export().suggestedFileName());
        dialog.setFilterExtensions(extensions.stream().map(extension -> "*." + extension).toArray(String[]::new));
        dialog.setFilterNames(extensions.stream().map(extension -> extension.toUpperCase(Locale.ROOT) + " (*." + extension + ")")
                .toArray(String[]::new));
        String chosen = dialog.open();
        if (chosen != null) {
            viewModel.export().exportTo(Path.of(chosen));
        }
    }

    /** Asks for a jar, then shows what it is before anything is installed. */
    private void installWorkerBundle() {
        String chosen = chooseFile("Install Worker Bundle", true);
        if (chosen == null) {
            return;
        }
        Path file = Path.of(chosen);
        if (WorkerBundles.isRepository(file)) {
            openInstallRepositoryDialog(file, true);
        } else {
            openInstallDialog(file, true);
        }
    }

    /** The dialog for a chosen p2 repository zip or folder; not blocking in tests. */
    InstallRepositoryDialog openInstallRepositoryDialog(Path repository, boolean block) {
        InstallRepositoryDialog dialog = new InstallRepositoryDialog(getShell(),
                services.workerBundles().inspectRepository(repository));
        dialog.setBlockOnOpen(block);
        dialog.open();
        return dialog;
    }

    /** The dialog for a chosen jar; not blocking in tests. */
    InstallBundleDialog openInstallDialog(Path jar, boolean block) {
        InstallBundleDialog dialog = new InstallBundleDialog(getShell(), services.workerBundles().inspect(jar));
        dialog.setBlockOnOpen(block);
        dialog.open();
        return dialog;
    }

    private void updateSelectedBundle() {
        String chosen = chooseFile("Update Worker Bundle", false);
        if (chosen != null) {
            services.workerBundles().requestUpdate(Path.of(chosen), this::confirmAndPerform);
        }
    }

    private void uninstallSelectedBundle() {
        services.workerBundles().requestUninstall(this::confirmAndPerform);
    }

    /** Runs of the bundle's providers are active: the user decides before any is cancelled. */
    private void confirmAndPerform(BundleChangeRequest request) {
        if (getShell() == null || getShell().isDisposed()) {
            return; // an update's jar was read after the window closed
        }
        if (request.needsConfirmation()) {
            String verb = request.plan().kind().verb();
            String confirm = "Cancel Runs and " + Character.toUpperCase(verb.charAt(0)) + verb.substring(1);
            int answer = new MessageDialog(getShell(), "Active Runs", null, request.question(), MessageDialog.QUESTION,
                    0, confirm, "Keep the Bundle").open();
            if (answer != 0) {
                viewModel.showMessage("Kept worker bundle " + request.target().symbolicName() + "; its runs go on");
                return;
            }
        }
        services.workerBundles().perform(request);
    }

    /** Install also takes a p2 repository zip, as this project's CI publishes it; Update takes a jar. */
    private String chooseFile(String title, boolean repositories) {
        FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
        dialog.setText(title);
        dialog.setFilterExtensions(new String[] { repositories ? "*.jar;*.zip" : "*.jar" });
        dialog.setFilterNames(new String[] { repositories ? "Worker bundles and p2 repositories (*.jar, *.zip)"
                : "Worker bundles (*.jar)" });
        return dialog.open();
    }

    private void openPreferences() {
        PreferencesViewModel preferences = new PreferencesViewModel(realm, services.settingsStore(),
                Runtime.getRuntime().availableProcessors());
        new PreferencesDialog(getShell(), preferences).open();
    }

    private static Button button(Composite parent, String text, Runnable command) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, event -> command.run());
        GridDataFactory.swtDefaults().hint(110, SWT.DEFAULT).applyTo(button);
        return button;
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

    ProvidersList providersList() {
        return providersList;
    }

    ParameterForm parameterForm() {
        return parameterForm;
    }

    Button startButton() {
        return startButton;
    }

    CLabel statusLine() {
        return statusLine;
    }

    Button stopButton() {
        return stopButton;
    }

    Label valueLabel() {
        return resultView.valueLabel();
    }

    ResultView resultView() {
        return resultView;
    }

    RunsTable runsTable() {
        return runsTable;
    }

    LogView logView() {
        return logView;
    }

    ClusterView clusterView() {
        return clusterView;
    }

    CTabItem clusterTab() {
        return clusterTab;
    }

    BundlesView bundlesView() {
        return bundlesView;
    }

    CTabFolder bottomTabs() {
        return bottomTabs;
    }
}
