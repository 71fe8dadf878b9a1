package org.parallelworkbench.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.databinding.viewers.ObservableListContentProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.parallelworkbench.viewmodel.WorkerBundleRow;
import org.parallelworkbench.viewmodel.WorkerBundlesViewModel;

/**
 * The Bundles tab: the installed worker bundles of a {@link WorkerBundlesViewModel} with their version,
 * state and providers, and Update… and Uninstall for the selected one. Rows are immutable and replaced
 * when the ViewModel refreshes. Only creates widgets; the window binds them and runs the commands.
 */
final class BundlesView {

    private final Composite holder;
    private final TableViewer viewer;
    private final Button updateButton;
    private final Button uninstallButton;
    private final Label hint;

    BundlesView(Composite parent, WorkerBundlesViewModel bundles, Runnable update, Runnable uninstall) {
        holder = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(4, 4).spacing(8, 4).applyTo(holder);
        updateButton = button("&Update\u2026", update);
        uninstallButton = button("U&ninstall", uninstall);
        hint = new Label(holder, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(hint);

        Composite tableHolder = new Composite(holder, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).applyTo(tableHolder);
        TableColumnLayout columns = new TableColumnLayout();
        tableHolder.setLayout(columns);
        viewer = new TableViewer(tableHolder, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        column(columns, "Bundle", 5, 120, WorkerBundleRow::symbolicName);
        column(columns, "Version", 2, 70, WorkerBundleRow::version);
        column(columns, "State", 2, 70, WorkerBundleRow::state);
        column(columns, "Providers", 4, 90, WorkerBundleRow::providersText);
        column(columns, "From", 2, 60, WorkerBundleRow::origin);
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.setContentProvider(new ObservableListContentProvider<WorkerBundleRow>());
        viewer.setInput(bundles.rows());
    }

    private Button button(String text, Runnable command) {
        Button button = new Button(holder, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, event -> command.run());
        return button;
    }

    private void column(TableColumnLayout columns, String title, int weight, int minimumWidth, Function<WorkerBundleRow, String> text) {
        TableColumns.add(viewer, columns, title, weight, minimumWidth, TableColumns.labels(WorkerBundleRow.class, text,
                row -> row.worker().location(), row -> null));
    }

    Control control() {
        return holder;
    }

    TableViewer viewer() {
        return viewer;
    }

    Button updateButton() {
        return updateButton;
    }

    Button uninstallButton() {
        return uninstallButton;
    }

    /** Why Update and Uninstall are disabled. */
    Label hint() {
        return hint;
    }
}
