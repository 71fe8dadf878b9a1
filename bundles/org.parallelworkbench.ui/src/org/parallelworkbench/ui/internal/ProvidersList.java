package org.parallelworkbench.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.databinding.viewers.ObservableListContentProvider;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.viewmodel.WorkbenchViewModel;

/**
 * The installed providers, a row each with name and version and the description as a tooltip. The list
 * is the ViewModel's: it follows worker bundles as they come and go. UI thread only.
 */
final class ProvidersList {

    private final Composite holder;
    private final TableViewer viewer;

    ProvidersList(Composite parent, WorkbenchViewModel viewModel) {
        holder = new Composite(parent, SWT.NONE);
        TableColumnLayout columns = new TableColumnLayout();
        holder.setLayout(columns);
        viewer = new TableViewer(holder, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTable().setHeaderVisible(true);
        ColumnViewerToolTipSupport.enableFor(viewer);
        column(columns, "Provider", 3, ProviderInfo::name);
        column(columns, "Version", 1, ProviderInfo::version);
        viewer.setContentProvider(new ObservableListContentProvider<ProviderInfo>());
        viewer.setInput(viewModel.providers());
    }

    private void column(TableColumnLayout columns, String title, int weight, Function<ProviderInfo, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        columns.setColumnData(column.getColumn(), new ColumnWeightData(weight, 50));
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((ProviderInfo) element);
            }

            @Override
            public String getToolTipText(Object element) {
                return ((ProviderInfo) element).description();
            }
        });
    }

    Control control() {
        return holder;
    }

    TableViewer viewer() {
        return viewer;
    }
}
