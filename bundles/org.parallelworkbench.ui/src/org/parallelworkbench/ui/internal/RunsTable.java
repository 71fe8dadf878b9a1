package org.parallelworkbench.ui.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.set.IObservableSet;
import org.eclipse.core.databinding.observable.sideeffect.ISideEffect;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.databinding.viewers.ObservableListContentProvider;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.parallelworkbench.viewmodel.RunRowViewModel;
import org.parallelworkbench.viewmodel.RunsViewModel;

/**
 * The Runs table: one row per run of the {@link RunsViewModel}, each cell the text of one row
 * observable. A side effect per row updates the row's item when its observables change, so widgets are
 * touched only in the Realm, on the UI thread. Esc and the context menu cancel the selected run.
 */
final class RunsTable {

    static final int PROGRESS_BAR_CELLS = 10;

    private final TableViewer viewer;
    private final Composite holder;
    private final Map<RunRowViewModel, ISideEffect> rowRefreshers = new HashMap<>();

    /**
     * @param cancelSelected what Esc does: cancels the selected row's run
     * @param openSelected   what a double-click or Enter does on a row
     * @param contextActions the row's context menu, in order
     */
    RunsTable(Composite parent, RunsViewModel runs, IAction cancelSelected, IAction openSelected, List<IAction> contextActions) {
        holder = new Composite(parent, SWT.NONE);
        TableColumnLayout columns = new TableColumnLayout();
        holder.setLayout(columns);
        viewer = new TableViewer(holder, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        column(columns, "Provider", 3, RunRowViewModel::providerName);
        column(columns, "Parameters", 3, RunRowViewModel::parametersText);
        column(columns, "State", 2, row -> row.state().getValue());
        column(columns, "Progress", 3, row -> progressBar(row.progressFraction().getValue()));
        column(columns, "Units", 3, row -> row.progressText().getValue());
        column(columns, "Throughput", 2, row -> row.throughput().getValue());
        column(columns, "ETA", 1, row -> row.eta().getValue());
        column(columns, "Elapsed", 1, row -> row.elapsed().getValue());

        ObservableListContentProvider<RunRowViewModel> content = new ObservableListContentProvider<>();
        viewer.setContentProvider(content);
        followRows(content.getKnownElements(), runs.rows().getRealm());
        viewer.setInput(runs.rows());

        MenuManager contextMenu = new MenuManager();
        contextActions.forEach(contextMenu::add);
        // A double-click and Enter both arrive as the table's default selection.
        viewer.addDoubleClickListener(event -> openSelected.run());
        viewer.getTable().setMenu(contextMenu.createContextMenu(viewer.getTable()));
        viewer.getTable().addListener(SWT.KeyDown, event -> {
            if (event.keyCode == SWT.ESC) {
                cancelSelected.run();
            }
        });
        holder.addDisposeListener(event -> {
            rowRefreshers.values().forEach(ISideEffect::dispose);
            rowRefreshers.clear();
            contextMenu.dispose();
        });
    }

    /** A side effect per shown row: reading its observables makes it rerun when any of them changes. */
    private void followRows(IObservableSet<RunRowViewModel> shown, Realm realm) {
        shown.addSetChangeListener(event -> {
            event.diff.getRemovals().forEach(row -> {
                ISideEffect refresher = rowRefreshers.remove(row);
                if (refresher != null) {
                    refresher.dispose();
                }
            });
            event.diff.getAdditions().forEach(row -> rowRefreshers.put(row, followRow(realm, row)));
        });
    }

    /**
     * The row's own Realm, not the default one: rows arrive whenever a run starts, also outside a
     * {@code Realm.runWithDefault} block.
     */
    private ISideEffect followRow(Realm realm, RunRowViewModel row) {
        ISideEffect refresher = ISideEffect.createPaused(realm, () -> {
            cellTexts(row);
            if (!viewer.getTable().isDisposed()) {
                viewer.update(row, null);
            }
        });
        refresher.resume();
        return refresher;
    }

    /** Reads every observable the cells show, so the row's side effect reruns when any of them changes. */
    private static List<Object> cellTexts(RunRowViewModel row) {
        return List.of(row.state().getValue(), row.progressFraction().getValue(),
                row.progressText().getValue(), row.throughput().getValue(), row.eta().getValue(), row.elapsed().getValue());
    }

    private void column(TableColumnLayout columns, String title, int weight, Function<RunRowViewModel, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        columns.setColumnData(column.getColumn(), new ColumnWeightData(weight, 60));
        column.setLabelProvider(ColumnLabelProvider.createTextProvider(element -> text.apply((RunRowViewModel) element)));
    }

    /** "████░░░░░░ 40%"; empty when the run's size is unknown. */
    static String progressBar(double fraction) {
        if (fraction < 0) {
            return "";
        }
        int filled = (int) Math.round(fraction * PROGRESS_BAR_CELLS);
        return "\u2588".repeat(filled) + "\u2591".repeat(PROGRESS_BAR_CELLS - filled) + " " + Math.round(fraction * 100) + "%";
    }

    Control control() {
        return holder;
    }

    TableViewer viewer() {
        return viewer;
    }
}
