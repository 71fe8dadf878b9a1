package org.parallelworkbench.ui.internal;

import java.util.function.Function;

import org.eclipse.core.databinding.DataBindingContext;
import org.eclipse.core.databinding.UpdateValueStrategy;
import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.sideeffect.ISideEffect;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.databinding.swt.typed.WidgetProperties;
import org.eclipse.jface.databinding.viewers.ObservableListContentProvider;
import org.eclipse.jface.databinding.viewers.typed.ViewerProperties;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.parallelworkbench.viewmodel.LogEntry;
import org.parallelworkbench.viewmodel.LogViewModel;

/**
 * The Log view: warnings and errors of the {@link LogViewModel}, newest at the top as in Eclipse's
 * Error Log, with a one-line summary above and the selected entry's detail (stack trace, a failed run's
 * whole story) below. The table's selection is the model's {@link LogViewModel#selected()}, so
 * {@link LogViewModel#selectRun} shows a run's failure here. Double-click or Enter on an entry moves the
 * focus to its detail. Widgets are touched only in the model's Realm, on the UI thread.
 */
final class LogView {

    private final LogViewModel log;
    private final SashForm sash;
    private final Label summary;
    private final TableViewer viewer;
    private final Text detail;
    private final IAction clearAction;

    LogView(Composite parent, LogViewModel log) {
        this.log = log;
        sash = new SashForm(parent, SWT.VERTICAL);
        Composite top = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(top);
        summary = new Label(top, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);

        Composite tableHolder = new Composite(top, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tableHolder);
        TableColumnLayout columns = new TableColumnLayout();
        tableHolder.setLayout(columns);
        viewer = new TableViewer(tableHolder, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        Color errorColor = parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
        column(columns, "Time", 1, LogEntry::timeOfDay, errorColor);
        column(columns, "Level", 1, entry -> levelText(entry.severity()), errorColor);
        column(columns, "Source", 2, LogEntry::source, errorColor);
        column(columns, "Message", 6, LogEntry::message, errorColor);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new ObservableListContentProvider<LogEntry>());
        viewer.setInput(log.entries());

        detail = new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        detail.setFont(JFaceResources.getTextFont());
        sash.setWeights(3, 2);

        clearAction = new Action("C&lear Log") {
            @Override
            public void run() {
                log.clear();
            }
        };
        MenuManager contextMenu = new MenuManager();
        contextMenu.add(clearAction);
        viewer.getTable().setMenu(contextMenu.createContextMenu(viewer.getTable()));
        // A double-click and Enter both arrive as a table's default selection.
        viewer.addDoubleClickListener(event -> detail.setFocus());

        bind(log.entries().getRealm(), contextMenu);
    }

    private void bind(Realm realm, MenuManager contextMenu) {
        DataBindingContext bindings = new DataBindingContext(realm);
        // Target first, then model. The selection is the user's input; the rest only shows.
        bindings.bindValue(ViewerProperties.singleSelection(LogEntry.class).observe(viewer), log.selected());
        bindings.bindValue(WidgetProperties.text().observe(detail), log.detail(), neverToModel(), null);
        bindings.bindValue(WidgetProperties.text().observe(summary), log.summary(), neverToModel(), null);
        // Selected from the model (a failed run's row), the entry must also come into sight.
        ISideEffect reveal = ISideEffect.createPaused(realm, () -> {
            LogEntry entry = log.selected().getValue();
            if (entry != null && !viewer.getTable().isDisposed()) {
                viewer.reveal(entry);
            }
        });
        reveal.resume();
        sash.addDisposeListener(event -> {
            reveal.dispose();
            bindings.dispose();
            contextMenu.dispose();
        });
    }

    private void column(TableColumnLayout columns, String title, int weight, Function<LogEntry, String> text,
            Color errorColor) {
        TableColumns.add(viewer, columns, title, weight, 60, TableColumns.labels(LogEntry.class, text, entry -> null,
                entry -> entry.severity() == LogEntry.Severity.ERROR ? errorColor : null));
    }

    static String levelText(LogEntry.Severity severity) {
        return switch (severity) {
            case ERROR -> "Error";
            case WARNING -> "Warning";
            case INFO -> "Info";
        };
    }

    /** Widgets that only show ViewModel state never write it back. */
    private static <T> UpdateValueStrategy<T, T> neverToModel() {
        return new UpdateValueStrategy<>(UpdateValueStrategy.POLICY_NEVER);
    }

    /** Empties the log; for the window's menu as well as the table's context menu. */
    IAction clearAction() {
        return clearAction;
    }

    Control control() {
        return sash;
    }

    TableViewer viewer() {
        return viewer;
    }

    Text detail() {
        return detail;
    }

    Label summary() {
        return summary;
    }
}
