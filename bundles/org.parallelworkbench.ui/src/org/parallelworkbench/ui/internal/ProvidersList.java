package org.parallelworkbench.ui.internal;


import org.eclipse.jface.databinding.viewers.ObservableListContentProvider;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
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
        TableColumns.add(viewer, columns, "Provider", 5, 60,
                TableColumns.labels(ProviderInfo.class, ProviderInfo::name, ProviderInfo::description, info -> null));
        TableColumns.add(viewer, columns, "Version", 2, 60,
                TableColumns.labels(ProviderInfo.class, ProviderInfo::version, ProviderInfo::description, info -> null));
        viewer.setContentProvider(new ObservableListContentProvider<ProviderInfo>());
        viewer.setInput(viewModel.providers());
    }


    Control control() {
        return holder;
    }

    TableViewer viewer() {
        return viewer;
    }
}
