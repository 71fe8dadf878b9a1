package org.parallelworkbench.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.databinding.viewers.ObservableListContentProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.parallelworkbench.viewmodel.ClusterMemberRow;
import org.parallelworkbench.viewmodel.ClusterViewModel;

/**
 * The Cluster tab: a line saying how many members the cluster has (or why none), and the members of a
 * {@link ClusterViewModel} with their state, capacity, providers and units done. Rows are immutable and replaced
 * when the ViewModel refreshes. Only creates widgets; the window binds them.
 */
final class ClusterView {

    private final Composite holder;
    private final Label summary;
    private final TableViewer viewer;

    ClusterView(Composite parent, ClusterViewModel cluster) {
        holder = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 4).spacing(8, 4).applyTo(holder);
        summary = new Label(holder, SWT.WRAP);
        // A width hint lets a long reason wrap instead of widening the tab.
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(summary);

        Composite tableHolder = new Composite(holder, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tableHolder);
        TableColumnLayout columns = new TableColumnLayout();
        tableHolder.setLayout(columns);
        viewer = new TableViewer(tableHolder, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        column(columns, "Member", 3, 110, ClusterMemberRow::address);
        column(columns, "State", 2, 60, ClusterMemberRow::state);
        column(columns, "Units at once", 2, 60, row -> Integer.toString(row.capacity()));
        column(columns, "Providers", 6, 120, ClusterMemberRow::providersText);
        column(columns, "Units done", 2, 70, row -> Long.toString(row.unitsDone()));
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.setContentProvider(new ObservableListContentProvider<ClusterMemberRow>());
        viewer.setInput(cluster.members());
    }

    private void column(TableColumnLayout columns, String title, int weight, int minimumWidth,
            Function<ClusterMemberRow, String> text) {
        TableColumns.add(viewer, columns, title, weight, minimumWidth, TableColumns.labels(ClusterMemberRow.class, text,
                ClusterMemberRow::providersText, row -> null));
    }

    Control control() {
        return holder;
    }

    Label summary() {
        return summary;
    }

    TableViewer viewer() {
        return viewer;
    }
}
