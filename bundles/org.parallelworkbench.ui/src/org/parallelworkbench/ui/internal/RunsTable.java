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
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.OwnerDrawLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.ViewerCell;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TableItem;
import org.parallelworkbench.viewmodel.RunRowViewModel;
import org.parallelworkbench.viewmodel.RunsViewModel;

/**
 * The Runs table: one row per run of the {@link RunsViewModel}, each cell the text of one row
 * observable. A side effect per row updates the row's item when its observables change, so widgets are
 * touched only in the Realm, on the UI thread. Esc and the context menu cancel the selected run.
 */
final class RunsTable {

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
        // Minimum widths add up to what the window's initial size leaves the table, so that Elapsed shows.
        column(columns, "Provider", 3, 90, RunRowViewModel::providerName);
        column(columns, "Parameters", 4, 90, RunRowViewModel::parametersText);
        // A run on the cluster names the members that executed its units in the cell's tooltip.
        TableColumns.add(viewer, columns, "Run on", 2, 75, TableColumns.labels(RunRowViewModel.class, RunRowViewModel::runsOn,
                row -> row.executedByText().isEmpty() ? null : "Executed by " + row.executedByText(), row -> null));
        column(columns, "State", 2, 90, row -> row.state().getValue());
        TableViewerColumn progress = column(columns, "Progress", 3, 90, row -> percent(row.progressFraction().getValue()));
        progress.setLabelProvider(new ProgressBarPainter());
        OwnerDrawLabelProvider.setUpOwnerDraw(viewer);
        column(columns, "Units", 3, 100, row -> row.progressText().getValue());
        column(columns, "Throughput", 2, 90, row -> row.throughput().getValue());
        column(columns, "ETA", 1, 45, row -> row.eta().getValue());
        column(columns, "Elapsed", 1, 65, row -> row.elapsed().getValue());
        ColumnViewerToolTipSupport.enableFor(viewer);

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

    private TableViewerColumn column(TableColumnLayout columns, String title, int weight, int minimumWidth,
            Function<RunRowViewModel, String> text) {
        return TableColumns.add(viewer, columns, title, weight, minimumWidth, TableColumns.text(RunRowViewModel.class, text));
    }

    /** "40%"; empty when the run's size is unknown. */
    static String percent(double fraction) {
        return fraction < 0 ? "" : Math.round(fraction * 100) + "%";
    }

    /**
     * Draws a row's progress as a bar with its percentage; the cell's text is the percentage alone, so
     * that it reads the same to a screen reader and to a test.
     */
    private static final class ProgressBarPainter extends OwnerDrawLabelProvider {

        private static final int INSET = 3;

        @Override
        public void update(ViewerCell cell) {
            cell.setText(percent(((RunRowViewModel) cell.getElement()).progressFraction().getValue()));
        }

        @Override
        protected void measure(Event event, Object element) {
            // the column's width and the table's row height fit
        }

        @Override
        protected void paint(Event event, Object element) {
            double fraction = ((RunRowViewModel) element).progressFraction().getValue();
            if (fraction < 0) {
                return;
            }
            Rectangle cell = ((TableItem) event.item).getBounds(event.index);
            Rectangle bar = new Rectangle(cell.x + INSET, cell.y + INSET, cell.width - 2 * INSET - 1, cell.height - 2 * INSET - 1);
            GC gc = event.gc;
            Color foreground = gc.getForeground();
            Color background = gc.getBackground();
            gc.setBackground(event.display.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
            gc.fillRectangle(bar);
            gc.setBackground(event.display.getSystemColor(SWT.COLOR_DARK_GREEN));
            gc.fillRectangle(bar.x, bar.y, (int) Math.round(bar.width * fraction), bar.height);
            gc.setForeground(event.display.getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
            gc.drawRectangle(bar);
            String text = percent(fraction);
            Point extent = gc.textExtent(text);
            gc.setForeground(event.display.getSystemColor(fraction >= 0.5 ? SWT.COLOR_WHITE : SWT.COLOR_LIST_FOREGROUND));
            gc.drawText(text, bar.x + (bar.width - extent.x) / 2, bar.y + (bar.height - extent.y) / 2, true);
            gc.setForeground(foreground);
            gc.setBackground(background);
        }
    }

    Control control() {
        return holder;
    }

    TableViewer viewer() {
        return viewer;
    }
}
