package org.parallelworkbench.ui.internal;

import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.parallelworkbench.viewmodel.WorkbenchViewModel;

/** Help > About: the versions of the platform's bundles, of each installed provider and of the runtime. */
final class AboutDialog extends Dialog {

    private final List<AboutEntry> entries;
    private TableViewer table;

    AboutDialog(Shell parent, List<AboutEntry> entries) {
        super(parent);
        this.entries = List.copyOf(entries);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("About " + WorkbenchViewModel.TITLE);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Label intro = new Label(area, SWT.WRAP);
        intro.setText(WorkbenchViewModel.TITLE + " runs parallel work from pluggable OSGi bundles in the background.");
        GridDataFactory.fillDefaults().grab(true, false).hint(860, SWT.DEFAULT).applyTo(intro);
        Composite holder = new Composite(area, SWT.NONE);
        TableColumnLayout columns = new TableColumnLayout();
        holder.setLayout(columns);
        GridDataFactory.fillDefaults().grab(true, true).hint(860, 320).applyTo(holder);
        table = new TableViewer(holder, SWT.BORDER | SWT.FULL_SELECTION);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        TableColumns.add(table, columns, "Kind", 2, 60, TableColumns.text(AboutEntry.class, AboutEntry::kind));
        TableColumns.add(table, columns, "Name", 6, 60, TableColumns.text(AboutEntry.class, AboutEntry::name));
        TableColumns.add(table, columns, "Version", 4, 60, TableColumns.text(AboutEntry.class, AboutEntry::version));
        TableColumns.add(table, columns, "Bundle", 7, 60, TableColumns.text(AboutEntry.class, AboutEntry::bundle));
        table.setInput(entries);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }


    TableViewer table() {
        return table;
    }
}
